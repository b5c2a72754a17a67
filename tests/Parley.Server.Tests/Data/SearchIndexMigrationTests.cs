using Microsoft.EntityFrameworkCore;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Data;

/// <summary>
/// SQLite cannot alter some things in place, so EF Core rebuilds a table for them, and a rebuild silently drops the
/// table's triggers. The full-text index of messages lives on three triggers; after every migration they must be there.
/// </summary>
public sealed class SearchIndexMigrationTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Fact]
    public async Task The_message_search_triggers_survive_every_migration_on_sqlite()
    {
        var triggers = await apps[Db.Sqlite].WithDbAsync(db =>
            db.Database.SqlQuery<string>($"SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'Messages' ORDER BY name")
                .ToListAsync());

        Assert.Equal(["Messages_fts_delete", "Messages_fts_insert", "Messages_fts_update"], triggers);
    }
}
