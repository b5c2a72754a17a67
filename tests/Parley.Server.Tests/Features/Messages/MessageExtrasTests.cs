using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts.Messages;
using Parley.Data;
using Parley.Data.Messages;
using Parley.Server.Features.Users;
using Parley.Server.Tests.Features.Polls;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Messages;

/// <summary>Records the SQL the server runs while <see cref="Recording"/> is on.</summary>
public sealed class CommandLog : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> _commands = new();

    public bool Recording { get; set; }

    public IReadOnlyList<string> Commands => [.. _commands];

    public void Clear() => _commands.Clear();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        if (Recording)
        {
            _commands.Enqueue(command.CommandText);
        }
    }
}

/// <summary>A server per database whose every SQL command goes through a <see cref="CommandLog"/>.</summary>
public sealed class LoggedApps : IAsyncLifetime
{
    private readonly Dictionary<Db, (ParleyApp App, WebApplicationFactory<Program> Logged)> _apps = [];
    private readonly Lock _gate = new();

    public CommandLog Log { get; } = new();

    public WebApplicationFactory<Program> this[Db db]
    {
        get
        {
            lock (_gate)
            {
                if (!_apps.TryGetValue(db, out var pair))
                {
                    var app = new ParleyApp(db);
                    var logged = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.ConfigureDbContext<ParleyDbContext>(o => o.AddInterceptors(Log))));
                    _ = logged.Server;
                    _apps[db] = pair = (app, logged);
                }

                return pair.Logged;
            }
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var (app, logged) in _apps.Values)
        {
            await logged.DisposeAsync();
            await app.DisposeAsync();
        }
    }
}

/// <summary>
/// A page of history looks up reactions, mentions, role mentions, attachments and polls only for the messages whose
/// <see cref="Message.Extras"/> bits say they may have them, so every write that adds such a row must set its bit.
/// </summary>
public sealed class MessageExtrasTests(LoggedApps apps) : IClassFixture<LoggedApps>
{
    private static readonly string[] ExtraTables = ["Reactions", "Mentions", "RoleMentions", "Attachments", "Polls", "PollOptions", "PollVotes", "Stickers"];

    [Theory, AllDatabases]
    public async Task A_page_of_plain_messages_reads_the_page_and_nothing_else(Db db)
    {
        var app = apps[db];
        var anna = await app.RegisterAsync("anna");
        var boris = await app.RegisterAsync("boris");
        var chat = await anna.StartChatAsync(boris);
        for (var i = 0; i < 10; i++)
        {
            await anna.SendAsync(chat.Id, $"plain {i}");
        }

        // The first page fills the caches (access, authors' names); the second is the steady state.
        await boris.HistoryAsync(chat.Id);
        var (page, log) = await RecordAsync(() => boris.HistoryAsync(chat.Id));

        Assert.Equal(10, page.Count);
        Assert.All(page, m => Assert.Equal(anna.Me.Username, m.Author.Username));
        Assert.All(ExtraTables, table => Assert.DoesNotContain(log, c => Names(c, table)));
        Assert.Single(log, c => Names(c, "Messages"));
        Assert.DoesNotContain(log, c => Names(c, "AspNetUsers"));
    }

    [Theory, AllDatabases]
    public async Task A_page_with_names_not_cached_reads_them_in_one_query(Db db)
    {
        var app = apps[db];
        var anna = await app.RegisterAsync("anna");
        var boris = await app.RegisterAsync("boris");
        var chat = await anna.StartChatAsync(boris);
        await anna.SendAsync(chat.Id, "hello");
        await boris.SendAsync(chat.Id, "hi");
        await boris.HistoryAsync(chat.Id); // the access cache
        var authors = app.Services.GetRequiredService<AuthorCache>();
        authors.Forget(long.Parse(anna.Id, CultureInfo.InvariantCulture));
        authors.Forget(long.Parse(boris.Id, CultureInfo.InvariantCulture));

        var (page, log) = await RecordAsync(() => boris.HistoryAsync(chat.Id));
        var (again, logAgain) = await RecordAsync(() => boris.HistoryAsync(chat.Id));

        Assert.Equal([boris.Me.Username, anna.Me.Username], page.Select(m => m.Author.Username));
        Assert.Equal([boris.Me.Username, anna.Me.Username], again.Select(m => m.Author.Username));
        Assert.Single(log, c => Names(c, "AspNetUsers"));
        Assert.DoesNotContain(logAgain, c => Names(c, "AspNetUsers"));
        Assert.All(ExtraTables, table => Assert.DoesNotContain(log, c => Names(c, table)));
    }

    [Theory, AllDatabases]
    public async Task A_page_looks_up_only_the_kinds_of_extras_its_messages_have(Db db)
    {
        var app = apps[db];
        var anna = await app.RegisterAsync("anna");
        var boris = await app.RegisterAsync("boris");
        var chat = await anna.StartChatAsync(boris);
        var liked = await anna.SendAsync(chat.Id, "like me");
        await anna.SendAsync(chat.Id, "plain");
        (await boris.Client.PutAsync($"/api/v1/channels/{chat.Id}/messages/{liked.Id}/reactions/{Uri.EscapeDataString("👍")}", null)).EnsureSuccessStatusCode();
        await boris.HistoryAsync(chat.Id);

        var (page, log) = await RecordAsync(() => boris.HistoryAsync(chat.Id));

        Assert.Equal("👍", page.Single(m => m.Id == liked.Id).Reactions.Single().Emoji);
        Assert.Single(log, c => Names(c, "Reactions"));
        Assert.All(ExtraTables.Except(["Reactions"]), table => Assert.DoesNotContain(log, c => Names(c, table)));
    }

    [Theory, AllDatabases]
    public async Task Extras_added_at_send_and_later_come_back_in_history_and_set_their_bits(Db db)
    {
        var app = apps[db];
        var anna = await app.RegisterAsync("anna");
        var boris = await app.RegisterAsync("boris");
        var chat = await anna.StartGroupAsync("extras", boris);
        var plain = await anna.SendAsync(chat.Id, "nothing here");
        var mention = await anna.SendAsync(chat.Id, $"hello @{boris.Me.Username}");
        var edited = await anna.SendAsync(chat.Id, "to be edited");
        var reacted = await anna.SendAsync(chat.Id, "react to me");
        var reply = await boris.SendAsync(chat.Id, "a reply", replyToId: plain.Id);
        var poll = await anna.CreatePollAsync(chat.Id);

        var edit = await anna.Client.PatchAsJsonAsync($"/api/v1/channels/{chat.Id}/messages/{edited.Id}", new EditMessageRequest($"now for @{boris.Me.Username}"));
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal([boris.Id], (await edit.Content.ReadFromJsonAsync<MessageResponse>())!.Mentions.Select(u => u.Id));
        (await boris.Client.PutAsync($"/api/v1/channels/{chat.Id}/messages/{reacted.Id}/reactions/{Uri.EscapeDataString("🎉")}", null)).EnsureSuccessStatusCode();
        (await anna.Client.PutAsync($"/api/v1/channels/{chat.Id}/messages/{reacted.Id}/reactions/{Uri.EscapeDataString("🎉")}", null)).EnsureSuccessStatusCode();

        var page = (await boris.HistoryAsync(chat.Id)).ToDictionary(m => m.Id);

        Assert.Empty(page[plain.Id].Mentions);
        Assert.Empty(page[plain.Id].Reactions);
        Assert.Equal([boris.Id], page[mention.Id].Mentions.Select(u => u.Id));
        Assert.Equal([boris.Id], page[edited.Id].Mentions.Select(u => u.Id));
        Assert.Equal(("🎉", 2, true), (page[reacted.Id].Reactions.Single().Emoji, page[reacted.Id].Reactions.Single().Count, page[reacted.Id].Reactions.Single().Me));
        Assert.Equal((plain.Id, "nothing here"), (page[reply.Id].ReplyTo!.Id, page[reply.Id].ReplyTo!.Content));
        Assert.Equal(["Park", "Cafe", "Library"], page[poll.Id].Poll!.Options.Select(o => o.Text));

        var extras = await ExtrasAsync(app, plain, mention, edited, reacted, reply, poll);
        Assert.Equal(
            [MessageExtras.None, MessageExtras.Mentions, MessageExtras.Mentions, MessageExtras.Reactions, MessageExtras.None, MessageExtras.Poll],
            extras);
    }

    [Fact]
    public void The_writer_sets_the_bits_of_the_mention_rows_it_inserts()
    {
        var message = new Message { Id = 10, ChannelId = 20, AuthorId = 30, Content = "hi", SearchText = "HI", Extras = MessageExtras.Attachments };
        var (_, arguments) = Parley.Server.Features.Messages.MessageWriter.InsertSql(
            [new Parley.Server.Features.Messages.NewMessage(message, [new Mention { MessageId = 10, UserId = 31, ChannelId = 20 }], [new RoleMention { MessageId = 10, RoleId = 40, ChannelId = 20 }])]);

        // The message row's values come first; Extras is its last column.
        Assert.Equal((int)(MessageExtras.Attachments | MessageExtras.Mentions | MessageExtras.RoleMentions), arguments[9]);
    }

    [Fact]
    public void Setting_a_bit_is_not_an_access_write()
    {
        // A reaction's bit must not drop every cached channel grant (the access cache's generation).
        Assert.False(Parley.Server.Features.Conversations.AccessWrites.Affects("""UPDATE "Messages" SET "Extras" = "Extras" | 1 WHERE "Id" = @p0"""));
    }

    private async Task<(T Result, List<string> Log)> RecordAsync<T>(Func<Task<T>> action)
    {
        apps.Log.Clear();
        apps.Log.Recording = true;
        try
        {
            var result = await action();
            return (result, apps.Log.Commands.ToList());
        }
        finally
        {
            apps.Log.Recording = false;
        }
    }

    private static bool Names(string command, string table) => command.Contains($"\"{table}\"", StringComparison.Ordinal);

    private static async Task<List<MessageExtras>> ExtrasAsync(WebApplicationFactory<Program> app, params MessageResponse[] messages)
    {
        var ids = messages.Select(m => long.Parse(m.Id, CultureInfo.InvariantCulture)).ToList();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var extras = await db.Messages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Extras);
        return ids.Select(id => extras[id]).ToList();
    }
}
