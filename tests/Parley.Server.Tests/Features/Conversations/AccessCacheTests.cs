using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Parley.Contracts.Channels;
using Parley.Contracts.Messages;
using Parley.Contracts.Servers;
using Parley.Data.Conversations;
using Parley.Data.Messages;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Messages;
using Parley.Server.Features.Servers;
using Parley.Server.Infrastructure;
using Parley.Server.Tests.Features.Friends;
using Parley.Server.Tests.Features.Servers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Conversations;

/// <summary>The cache's own rules, without a server.</summary>
public sealed class AccessCacheTests
{
    private static CachedChannel SomeChannel(long id = 1) => new(new Channel { Id = id, Type = ChannelType.Group }, [], new HashSet<long> { 7 });

    [Fact]
    public void An_entry_hits_until_the_generation_moves()
    {
        var cache = new AccessCache();
        var generation = cache.Generation;
        cache.StoreChannel(1, SomeChannel(), generation);
        cache.StoreMember(2, 7, null, generation);
        cache.StoreDirectBlock(3, true, generation);

        Assert.True(cache.TryGetChannel(1, out var channel));
        Assert.Equal(1, channel.Row.Id);
        Assert.True(cache.TryGetMember(2, 7, out var member));
        Assert.Null(member);
        Assert.True(cache.TryGetDirectBlock(3, out var blocked));
        Assert.True(blocked);
        Assert.False(cache.TryGetChannel(4, out _));
        Assert.False(cache.TryGetMember(2, 8, out _));

        cache.Invalidate();

        Assert.NotEqual(generation, cache.Generation);
        Assert.False(cache.TryGetChannel(1, out _));
        Assert.False(cache.TryGetMember(2, 7, out _));
        Assert.False(cache.TryGetDirectBlock(3, out _));
    }

    [Fact]
    public void What_was_read_before_a_write_is_never_served_after_it()
    {
        // A reader captures the generation, a write bumps it (before its statement and after its commit), then the
        // reader stores what it read: possibly the old data, so it must not hit.
        var cache = new AccessCache();
        var captured = cache.Generation;
        cache.Invalidate();
        cache.StoreChannel(1, SomeChannel(), captured);
        Assert.False(cache.TryGetChannel(1, out _));

        // Stored under a generation that was current when it was stored, then a commit: no hit either.
        captured = cache.Generation;
        cache.StoreChannel(1, SomeChannel(), captured);
        Assert.True(cache.TryGetChannel(1, out _));
        cache.Invalidate();
        Assert.False(cache.TryGetChannel(1, out _));

        // Read afresh after the commit: hits.
        cache.StoreChannel(1, SomeChannel(), cache.Generation);
        Assert.True(cache.TryGetChannel(1, out _));
    }

    [Fact]
    public async Task A_committed_change_is_published_and_disabling_serves_nothing()
    {
        var cache = new AccessCache();
        var published = 0;
        cache.Published = () =>
        {
            published++;
            return Task.CompletedTask;
        };
        cache.StoreChannel(1, SomeChannel(), cache.Generation);

        await cache.CommittedAsync();

        Assert.Equal(1, published);
        Assert.False(cache.TryGetChannel(1, out _));

        cache.Enabled = false;
        cache.StoreChannel(1, SomeChannel(), cache.Generation);
        Assert.False(cache.TryGetChannel(1, out _));
        cache.Enabled = true;
        Assert.False(cache.TryGetChannel(1, out _));
        cache.StoreChannel(1, SomeChannel(), cache.Generation);
        Assert.True(cache.TryGetChannel(1, out _));
    }

    [Fact]
    public void The_cache_is_bounded()
    {
        var cache = new AccessCache();
        var generation = cache.Generation;
        for (var id = 1L; id <= AccessCache.MaxEntries + 1; id++)
        {
            cache.StoreMember(1, id, null, generation);
        }

        // Everything above the bound was dropped; the last one stored is there.
        Assert.False(cache.TryGetMember(1, 1, out _));
        Assert.True(cache.TryGetMember(1, AccessCache.MaxEntries + 1, out _));
        Assert.Equal(generation, cache.Generation);
    }

    [Theory]
    [InlineData("""SELECT "c"."Id", "c"."Name" FROM "Channels" AS "c" WHERE "c"."Id" = @p""", false)]
    [InlineData("""SELECT "s"."DraftUpdatedAt" FROM "ChannelUserStates" AS "s" """, false)]
    [InlineData("""UPDATE "Channels" SET "LastMessageId" = @p2 WHERE "Id" = @p1 AND ("LastMessageId" IS NULL OR "LastMessageId" < @p2);""", false)]
    [InlineData("UPDATE \"Channels\" AS \"c\"\nSET \"LastMessageId\" = (\n    SELECT MAX(\"m\".\"Id\")\n    FROM \"Messages\" AS \"m\"\n    WHERE \"m\".\"ChannelId\" = @p AND \"m\".\"Id\" < @q)\nWHERE \"c\".\"Id\" = @p AND \"c\".\"LastMessageId\" = @q", false)]
    [InlineData("UPDATE \"Channels\" AS c\nSET \"LastMessageId\" = (\n    SELECT max(m.\"Id\")\n    FROM \"Messages\" AS m\n    WHERE m.\"ChannelId\" = @p)\nWHERE c.\"Id\" = @p", false)]
    [InlineData("""INSERT INTO "Channels" ("Id", "Type") VALUES (@p0, @p1);""", false)]
    [InlineData("""INSERT INTO "ChannelUserStates" ("UserId", "ChannelId") VALUES (1, 2) ON CONFLICT ("UserId", "ChannelId") DO UPDATE SET "Draft" = NULL;""", false)]
    [InlineData("""UPDATE "Users" AS "u" SET "Presence" = @p WHERE "u"."Id" = @q""", false)]
    [InlineData("""INSERT INTO "Users" ("Id") VALUES (@p0);""", false)]
    [InlineData("""DELETE FROM "Reactions" AS "r" WHERE "r"."MessageId" = @p""", false)]
    [InlineData("""UPDATE "Channels" SET "Name" = @p0 WHERE "Id" = @p1 RETURNING 1;""", true)]
    [InlineData("""UPDATE "Channels" SET "LastMessageId" = @p0, "OwnerId" = @p1 WHERE "Id" = @p2;""", true)]
    [InlineData("UPDATE \"Channels\" AS c\nSET \"ParentId\" = NULL\nWHERE c.\"ParentId\" = @p", true)]
    [InlineData("""DELETE FROM "Channels" WHERE "Id" = @p0 RETURNING 1;""", true)]
    [InlineData("""INSERT INTO "Channels" ("Id") VALUES (1) ON CONFLICT ("Id") DO UPDATE SET "OwnerId" = 2;""", true)]
    [InlineData("""DELETE FROM "MemberRoles" AS "m" WHERE "m"."ServerId" = @p AND "m"."UserId" = @q""", true)]
    [InlineData("""DELETE FROM "ServerMembers" AS "s" WHERE "s"."ServerId" = @p""", true)]
    [InlineData("""INSERT INTO "ServerMembers" ("ServerId", "UserId") VALUES (@p0, @p1);""", true)]
    [InlineData("""UPDATE "Roles" AS r SET "Position" = r."Position" + 1 WHERE r."ServerId" = @p""", true)]
    [InlineData("""UPDATE "Roles" SET "Permissions" = @p0 WHERE "Id" = @p1;""", true)]
    [InlineData("""INSERT INTO "PermissionOverwrites" ("ChannelId") VALUES (@p0);""", true)]
    [InlineData("""UPDATE "Servers" SET "OwnerId" = @p0 WHERE "Id" = @p1;""", true)]
    [InlineData("""DELETE FROM "Servers" AS "s" WHERE "s"."Id" = @p""", true)]
    [InlineData("""INSERT INTO "Bans" ("ServerId") VALUES (@p0);""", true)]
    [InlineData("""INSERT INTO "Blocks" ("UserId", "BlockedUserId") VALUES (@p0, @p1);""", true)]
    [InlineData("""DELETE FROM "Blocks" AS b WHERE b."UserId" = @p""", true)]
    [InlineData("""INSERT INTO "ChannelRecipients" ("ChannelId", "UserId") VALUES (@p0, @p1);""", true)]
    [InlineData("""DELETE FROM "Users" WHERE "Id" = @p0;""", true)]
    [InlineData("""insert into channelrecipients (ChannelId, UserId) values (1, 2)""", true)]
    [InlineData("INSERT INTO \"Messages\" (\"Id\") VALUES (1);\nDELETE FROM \"ChannelRecipients\" WHERE \"UserId\" = 2;", true)]
    public void Statements_that_change_access_are_told_apart_from_those_that_do_not(string sql, bool affects) =>
        Assert.Equal(affects, AccessWrites.Affects(sql));

    [Fact]
    public void The_group_commit_of_sends_does_not_invalidate()
    {
        var message = new Message { Id = 10, ChannelId = 20, AuthorId = 30, Content = "hi", SearchText = "hi" };
        var (sql, _) = MessageWriter.InsertSql([new NewMessage(message, [new Mention { MessageId = 10, UserId = 31, ChannelId = 20 }], [])]);
        Assert.False(AccessWrites.Affects(sql));
    }

    [Fact]
    public void A_request_gets_a_copy_of_every_column_of_the_cached_row()
    {
        var row = new Channel();
        var values = new Dictionary<PropertyInfo, object?>();
        var n = 1;
        foreach (var property in typeof(Channel).GetProperties().Where(p => p.Name != nameof(Channel.Recipients)))
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            object value = type == typeof(long) ? (long)n
                : type == typeof(int) ? n
                : type == typeof(string) ? n.ToString(CultureInfo.InvariantCulture)
                : type == typeof(ChannelType) ? ChannelType.Group
                : type == typeof(DateTimeOffset) ? DateTimeOffset.FromUnixTimeSeconds(n)
                : throw new InvalidOperationException($"Give Channel.{property.Name} a test value.");
            property.SetValue(row, value);
            values[property] = value;
            n++;
        }

        var copy = ChannelAccess.Copy(row);

        Assert.NotSame(row, copy);
        foreach (var (property, value) in values)
        {
            Assert.Equal(value, property.GetValue(copy));
        }
    }
}

/// <summary>
/// Nobody keeps a permission the cache remembered: each test lets someone send (so the grant is cached, checked), then
/// changes what they may do, and the very next request obeys the change.
/// </summary>
public sealed class AccessCacheInvalidationTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    private static void AssertCached(ParleyApp app, string channelId, string? serverId = null, string? userId = null)
    {
        var cache = app.Services.GetRequiredService<AccessCache>();
        Assert.True(cache.TryGetChannel(Id(channelId), out _), "The channel should be cached after a send.");
        if (serverId is not null)
        {
            Assert.True(cache.TryGetMember(Id(serverId), Id(userId!), out var grant) && grant is not null, "The membership should be cached after a send.");
        }
    }

    private static long Id(string id) => long.Parse(id, CultureInfo.InvariantCulture);

    private static string Bits(Permission permissions) => ((long)permissions).ToString(CultureInfo.InvariantCulture);

    private async Task<(ParleyApp App, Person Owner, Person Member, ServerResponse Server, string General)> ServerWithMemberAsync(Db db)
    {
        var app = apps[db];
        var owner = await Person.RegisterAsync(app, "owner");
        var member = await Person.RegisterAsync(app, "member");
        var server = await owner.CreateServerAsync();
        var general = await owner.GeneralAsync(server.Id);
        await member.JoinAsync((await owner.InviteAsync(general)).Code);
        await member.SendAsync(general, "hello");
        Assert.Single(await member.HistoryAsync(general));
        AssertCached(app, general, server.Id, member.Id);
        return (app, owner, member, server, general);
    }

    [Theory, AllDatabases]
    public async Task A_kicked_member_can_neither_send_nor_read_at_once(Db db)
    {
        var (_, owner, member, server, general) = await ServerWithMemberAsync(db);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/servers/{server.Id}/members/{member.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await member.PostMessageAsync(general, "still here?")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync($"/api/v1/channels/{general}/messages")).StatusCode);
    }

    [Theory, AllDatabases]
    public async Task A_banned_member_and_one_who_left_are_out_at_once(Db db)
    {
        var (app, owner, member, server, general) = await ServerWithMemberAsync(db);
        var leaver = await Person.RegisterAsync(app, "leaver");
        await leaver.JoinAsync((await owner.InviteAsync(general)).Code);
        await leaver.SendAsync(general, "hi");

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.PutAsJsonAsync($"/api/v1/servers/{server.Id}/bans/{member.Id}", new BanRequest("spam"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await leaver.Client.DeleteAsync($"/api/v1/servers/{server.Id}/members/{leaver.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await member.PostMessageAsync(general, "x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leaver.PostMessageAsync(general, "x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leaver.Client.GetAsync($"/api/v1/channels/{general}/messages")).StatusCode);
    }

    [Theory, AllDatabases]
    public async Task Taking_send_messages_from_everyone_silences_at_once_and_giving_it_back_works_at_once(Db db)
    {
        var (_, owner, member, server, general) = await ServerWithMemberAsync(db);

        (await owner.Client.PatchAsJsonAsync($"/api/v1/servers/{server.Id}/roles/{server.Id}", new UpdateRoleRequest(
            null, null, Bits(Permissions.EveryoneDefault & ~Permission.SendMessages), null, null, null))).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostMessageAsync(general, "x")).StatusCode);
        Assert.Single(await member.HistoryAsync(general));

        (await owner.Client.PatchAsJsonAsync($"/api/v1/servers/{server.Id}/roles/{server.Id}", new UpdateRoleRequest(
            null, null, Bits(Permissions.EveryoneDefault), null, null, null))).EnsureSuccessStatusCode();
        await member.SendAsync(general, "back");
    }

    [Theory, AllDatabases]
    public async Task An_overwrite_that_hides_the_channel_applies_at_once_and_removing_it_too(Db db)
    {
        var (_, owner, member, server, general) = await ServerWithMemberAsync(db);

        await owner.SetOverwriteAsync(general, member.Id, "member", Permission.None, Permission.ViewChannel);

        Assert.Equal(HttpStatusCode.NotFound, (await member.PostMessageAsync(general, "x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync($"/api/v1/channels/{general}/messages")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/channels/{general}/permissions/{member.Id}")).StatusCode);
        await member.SendAsync(general, "back");
        _ = server;
    }

    [Theory, AllDatabases]
    public async Task Losing_the_role_that_let_you_speak_applies_at_once(Db db)
    {
        var (_, owner, member, server, general) = await ServerWithMemberAsync(db);
        var speakers = await owner.CreateRoleAsync(server.Id, "speakers", Permission.None);
        var hosts = await owner.CreateRoleAsync(server.Id, "hosts", Permission.None);
        await owner.SetOverwriteAsync(general, server.Id, "role", Permission.None, Permission.SendMessages);
        await owner.SetOverwriteAsync(general, speakers.Id, "role", Permission.SendMessages, Permission.None);
        await owner.SetOverwriteAsync(general, hosts.Id, "role", Permission.SendMessages, Permission.None);
        await owner.GiveRolesAsync(server.Id, member, speakers, hosts);
        await member.SendAsync(general, "I may speak");
        AssertCached(apps[db], general, server.Id, member.Id);

        // Unassigned: still a host.
        await owner.GiveRolesAsync(server.Id, member, hosts);
        await member.SendAsync(general, "as a host");

        // The role deleted.
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/servers/{server.Id}/roles/{hosts.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostMessageAsync(general, "x")).StatusCode);

        // Assigned again: speaks at once.
        await owner.GiveRolesAsync(server.Id, member, speakers);
        await member.SendAsync(general, "again");
        await owner.GiveRolesAsync(server.Id, member);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostMessageAsync(general, "x")).StatusCode);
    }

    [Theory, AllDatabases]
    public async Task A_deleted_channel_is_gone_at_once(Db db)
    {
        var (_, owner, member, server, _) = await ServerWithMemberAsync(db);
        var news = await (await owner.Client.PostAsJsonAsync($"/api/v1/servers/{server.Id}/channels", new CreateServerChannelRequest("news", ChannelType.Text, null, null)))
            .ReadAsync<ServerChannelResponse>();
        await member.SendAsync(news.Id, "first");
        AssertCached(apps[db], news.Id);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/channels/{news.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await member.PostMessageAsync(news.Id, "x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostMessageAsync(news.Id, "x")).StatusCode);
    }

    [Theory, AllDatabases]
    public async Task Handing_the_server_over_ends_the_old_owners_rights_at_once(Db db)
    {
        var (_, owner, member, server, _) = await ServerWithMemberAsync(db);
        var staff = await (await owner.Client.PostAsJsonAsync($"/api/v1/servers/{server.Id}/channels", new CreateServerChannelRequest("staff", ChannelType.Text, null, null)))
            .ReadAsync<ServerChannelResponse>();
        await owner.SetOverwriteAsync(staff.Id, server.Id, "role", Permission.None, Permission.ViewChannel);
        await owner.SendAsync(staff.Id, "owners only");
        AssertCached(apps[db], staff.Id, server.Id, owner.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await member.PostMessageAsync(staff.Id, "x")).StatusCode);

        (await owner.Client.PatchAsJsonAsync($"/api/v1/servers/{server.Id}", new UpdateServerRequest(null, member.Id))).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostMessageAsync(staff.Id, "x")).StatusCode);
        await member.SendAsync(staff.Id, "mine now");
    }

    [Theory, AllDatabases]
    public async Task Someone_removed_from_a_group_is_out_at_once(Db db)
    {
        var app = apps[db];
        var owner = await Person.RegisterAsync(app, "owner");
        var anna = await Person.RegisterAsync(app, "anna");
        var boris = await Person.RegisterAsync(app, "boris");
        var group = await owner.StartGroupAsync("trip", anna, boris);
        await anna.SendAsync(group.Id, "hi");
        AssertCached(app, group.Id);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/channels/{group.Id}/recipients/{anna.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await anna.PostMessageAsync(group.Id, "x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anna.Client.GetAsync($"/api/v1/channels/{group.Id}/messages")).StatusCode);

        // Added back: in at once.
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.PutAsync($"/api/v1/channels/{group.Id}/recipients/{anna.Id}", null)).StatusCode);
        await anna.SendAsync(group.Id, "back");
    }

    [Theory, AllDatabases]
    public async Task When_a_groups_owner_leaves_the_heir_manages_it_at_once_and_renames_stick(Db db)
    {
        var app = apps[db];
        var owner = await Person.RegisterAsync(app, "owner");
        var anna = await Person.RegisterAsync(app, "anna");
        var boris = await Person.RegisterAsync(app, "boris");
        var group = await owner.StartGroupAsync("trip", anna, boris);
        await owner.SendAsync(group.Id, "hi");
        await anna.SendAsync(group.Id, "hello");
        AssertCached(app, group.Id);

        // The owner's rename goes through the cached channel and is saved.
        (await owner.Client.PatchAsJsonAsync($"/api/v1/channels/{group.Id}", new UpdateChannelRequest("trip 2"))).EnsureSuccessStatusCode();
        Assert.Equal("trip 2", (await anna.ChatAsync(group.Id)).Name);
        Assert.Equal(HttpStatusCode.Forbidden, (await anna.Client.PatchAsJsonAsync($"/api/v1/channels/{group.Id}", new UpdateChannelRequest("mine"))).StatusCode);

        await owner.SendAsync(group.Id, "bye");
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/channels/{group.Id}/recipients/{owner.Id}")).StatusCode);

        var chat = await anna.ChatAsync(group.Id);
        Assert.Equal(anna.Id, chat.OwnerId);
        (await anna.Client.PatchAsJsonAsync($"/api/v1/channels/{group.Id}", new UpdateChannelRequest("mine"))).EnsureSuccessStatusCode();
        Assert.Equal("mine", (await boris.ChatAsync(group.Id)).Name);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostMessageAsync(group.Id, "x")).StatusCode);
    }

    [Theory, AllDatabases]
    public async Task A_block_makes_the_direct_chat_read_only_at_once_and_lifting_it_reopens_it(Db db)
    {
        var app = apps[db];
        var anna = await Person.RegisterAsync(app, "anna");
        var boris = await Person.RegisterAsync(app, "boris");
        var chat = await anna.StartChatAsync(boris);
        await anna.SendAsync(chat.Id, "hi");
        await boris.SendAsync(chat.Id, "hello");
        var cache = app.Services.GetRequiredService<AccessCache>();
        Assert.True(cache.TryGetDirectBlock(Id(chat.Id), out var blocked) && !blocked);

        await boris.BlockAsync(anna);

        Assert.Equal(HttpStatusCode.Forbidden, (await anna.PostMessageAsync(chat.Id, "x")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await boris.PostMessageAsync(chat.Id, "x")).StatusCode);
        Assert.Equal(2, (await anna.HistoryAsync(chat.Id)).Count);

        Assert.Equal(HttpStatusCode.NoContent, (await boris.Client.DeleteAsync($"/api/v1/blocks/{anna.Id}")).StatusCode);
        await anna.SendAsync(chat.Id, "friends again?");
    }

    [Theory, AllDatabases]
    public async Task A_hub_send_after_a_kick_is_refused_at_once(Db db)
    {
        var (app, owner, member, server, general) = await ServerWithMemberAsync(db);
        var token = await app.CreateBareClient().CreateTokenAsync(member.Me.Username);
        await using var hub = await HubClient.ConnectAsync(app, token);
        await hub.Connection.InvokeAsync<System.Text.Json.JsonElement>("SendMessage", general, new SendMessageRequest("via hub", null, null));

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/servers/{server.Id}/members/{member.Id}")).StatusCode);

        await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeAsync<System.Text.Json.JsonElement>("SendMessage", general, new SendMessageRequest("x", null, null)));
    }

    [Theory, AllDatabases]
    public async Task Deleting_the_newest_message_moves_the_chat_back_although_the_grant_is_cached(Db db)
    {
        var app = apps[db];
        var anna = await Person.RegisterAsync(app, "anna");
        var boris = await Person.RegisterAsync(app, "boris");
        var chat = await anna.StartChatAsync(boris);
        var first = await anna.SendAsync(chat.Id, "one");
        var second = await anna.SendAsync(chat.Id, "two");
        var third = await boris.SendAsync(chat.Id, "three");
        AssertCached(app, chat.Id);

        Assert.Equal(HttpStatusCode.NoContent, (await boris.Client.DeleteAsync($"/api/v1/channels/{chat.Id}/messages/{third.Id}")).StatusCode);
        Assert.Equal(second.Id, (await anna.ChatAsync(chat.Id)).LastMessage!.Id);

        // Deleting an older one leaves the newest alone.
        Assert.Equal(HttpStatusCode.NoContent, (await anna.Client.DeleteAsync($"/api/v1/channels/{chat.Id}/messages/{first.Id}")).StatusCode);
        Assert.Equal(second.Id, (await anna.ChatAsync(chat.Id)).LastMessage!.Id);
        Assert.Equal(HttpStatusCode.NoContent, (await anna.Client.DeleteAsync($"/api/v1/channels/{chat.Id}/messages/{second.Id}")).StatusCode);
        Assert.Null((await boris.ChatAsync(chat.Id)).LastMessage);
    }

    [Theory, AllDatabases]
    public async Task A_write_straight_to_the_database_also_invalidates(Db db)
    {
        var (app, _, member, server, general) = await ServerWithMemberAsync(db);

        // Not through an endpoint: the interceptor sees the statement itself.
        await app.WithDbAsync(async context =>
        {
            context.ServerMembers.Remove(new Parley.Data.Servers.ServerMember { ServerId = Id(server.Id), UserId = Id(member.Id) });
            return await context.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.NotFound, (await member.PostMessageAsync(general, "x")).StatusCode);
    }
}

/// <summary>Several nodes: a change committed on one drops the others' cached grants (needs PARLEY_TEST_REDIS).</summary>
public sealed class AccessCacheSyncTests
{
    [Fact]
    public async Task A_change_on_one_node_invalidates_the_other_and_a_node_serves_nothing_until_its_subscription_works()
    {
        if (Environment.GetEnvironmentVariable("PARLEY_TEST_REDIS") is not { Length: > 0 } redis)
        {
            return;
        }

        var options = Options.Create(new ParleyOptions { Redis = redis });
        var (one, two) = (new AccessCache(), new AccessCache());
        var syncOne = new AccessCacheSync(one, options, TimeProvider.System, NullLogger<AccessCacheSync>.Instance);
        var syncTwo = new AccessCacheSync(two, options, TimeProvider.System, NullLogger<AccessCacheSync>.Instance);
        await syncOne.StartAsync(CancellationToken.None);
        await syncTwo.StartAsync(CancellationToken.None);
        try
        {
            // Off until the node has heard its own probe through Redis.
            two.StoreMember(1, 2, null, two.Generation);
            Assert.False(two.TryGetMember(1, 2, out _));
            await Until(() => one.Enabled && two.Enabled);

            two.StoreMember(1, 2, null, two.Generation);
            Assert.True(two.TryGetMember(1, 2, out _));
            one.StoreMember(1, 2, null, one.Generation);

            await one.CommittedAsync();

            Assert.False(one.TryGetMember(1, 2, out _));
            await Until(() => !two.TryGetMember(1, 2, out _));
        }
        finally
        {
            await syncOne.StopAsync(CancellationToken.None);
            await syncTwo.StopAsync(CancellationToken.None);
            syncOne.Dispose();
            syncTwo.Dispose();
        }
    }

    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }
}
