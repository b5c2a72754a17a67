using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Channels;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Conversations;

public sealed class ChannelsTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task Starting_a_direct_chat_returns_the_same_channel_every_time_from_either_side(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db], "anna");
        var boris = await Person.RegisterAsync(apps[db], "boris");

        var first = await anna.Client.PostAsJsonAsync("/api/v1/users/me/channels", new CreateChannelRequest([boris.Id], null));
        var again = await anna.StartChatAsync(boris);
        var fromBoris = await boris.StartChatAsync(anna);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = (await first.Content.ReadFromJsonAsync<ChannelResponse>())!;
        Assert.Equal(ChannelType.Direct, created.Type);
        Assert.Equal(created.Id, again.Id);
        Assert.Equal(created.Id, fromBoris.Id);
        Assert.Equal(1, await apps[db].WithDbAsync(d => d.Channels.CountAsync(c => c.DirectKey != null && c.Recipients.Any(r => r.UserId == long.Parse(anna.Id, System.Globalization.CultureInfo.InvariantCulture)))));
        Assert.Equal([anna.Id, boris.Id], created.Recipients.Select(r => r.Id).Order());
    }

    [Theory, AllDatabases]
    public async Task Friends_only_direct_messages_refuse_strangers_and_accept_friends(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var boris = await Person.RegisterAsync(apps[db]);
        (await boris.Client.PatchAsJsonAsync("/api/v1/users/me/settings", new { privacy = new { directMessages = "friends" } })).EnsureSuccessStatusCode();

        var refused = await anna.Client.PostAsJsonAsync("/api/v1/users/me/channels", new CreateChannelRequest([boris.Id], null));
        await refused.ProblemAsync(HttpStatusCode.Forbidden);

        await anna.BefriendAsync(boris);
        Assert.Equal(ChannelType.Direct, (await anna.StartChatAsync(boris)).Type);
    }

    [Theory, AllDatabases]
    public async Task A_blocked_person_cannot_start_a_chat_or_message_you(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var boris = await Person.RegisterAsync(apps[db]);
        var chat = await anna.StartChatAsync(boris);
        (await anna.Client.PutAsync($"/api/v1/blocks/{boris.Id}", null)).EnsureSuccessStatusCode();

        await (await boris.PostMessageAsync(chat.Id, "hello?")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await anna.PostMessageAsync(chat.Id, "hello?")).ProblemAsync(HttpStatusCode.Forbidden);
        var carl = await Person.RegisterAsync(apps[db]);
        (await carl.Client.PutAsync($"/api/v1/blocks/{anna.Id}", null)).EnsureSuccessStatusCode();
        await (await anna.Client.PostAsJsonAsync("/api/v1/users/me/channels", new CreateChannelRequest([carl.Id], null))).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory, AllDatabases]
    public async Task Bad_recipients_are_named_and_unknown_people_are_not_found(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);

        await (await anna.Client.PostAsJsonAsync("/api/v1/users/me/channels", new CreateChannelRequest([], null))).AssertFieldErrorsAsync("recipientIds");
        await (await anna.Client.PostAsJsonAsync("/api/v1/users/me/channels", new CreateChannelRequest(["abc"], null))).AssertFieldErrorsAsync("recipientIds");
        await (await anna.Client.PostAsJsonAsync("/api/v1/users/me/channels", new CreateChannelRequest([anna.Id], null))).AssertFieldErrorsAsync("recipientIds");
        await (await anna.Client.PostAsJsonAsync("/api/v1/users/me/channels", new CreateChannelRequest(["123456789"], null))).ProblemAsync(HttpStatusCode.NotFound);
        await (await apps[db].CreateBrowser().PostAsJsonAsync("/api/v1/users/me/channels", new CreateChannelRequest(["1"], null))).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await apps[db].CreateBrowser().GetAsync("/api/v1/users/me/channels")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory, AllDatabases]
    public async Task A_group_has_a_name_an_owner_and_everyone_sees_it(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var boris = await Person.RegisterAsync(apps[db]);
        var carl = await Person.RegisterAsync(apps[db]);

        var group = await anna.StartGroupAsync("Weekend trip", boris, carl);

        Assert.Equal((ChannelType.Group, "Weekend trip", anna.Id), (group.Type, group.Name, group.OwnerId));
        Assert.Equal(3, group.Recipients.Count);
        Assert.Contains(await carl.ChatsAsync(), c => c.Id == group.Id);
        await (await anna.Client.PostAsJsonAsync("/api/v1/users/me/channels", new CreateChannelRequest([boris.Id], new string('n', 101)))).AssertFieldErrorsAsync("name");
    }

    [Theory, AllDatabases]
    public async Task Only_the_owner_renames_a_group_and_outsiders_do_not_see_it(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var boris = await Person.RegisterAsync(apps[db]);
        var stranger = await Person.RegisterAsync(apps[db]);
        var group = await anna.StartGroupAsync("Old", boris, await Person.RegisterAsync(apps[db]));

        var renamed = await (await anna.Client.PatchAsJsonAsync($"/api/v1/channels/{group.Id}", new { name = "New" })).ReadAsync<ChannelResponse>();
        Assert.Equal("New", renamed.Name);
        await (await boris.Client.PatchAsJsonAsync($"/api/v1/channels/{group.Id}", new { name = "Mine" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await stranger.Client.PatchAsJsonAsync($"/api/v1/channels/{group.Id}", new { name = "Mine" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.GetAsync($"/api/v1/channels/{group.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await anna.Client.PatchAsJsonAsync($"/api/v1/channels/{group.Id}", new { name = new string('n', 101) })).AssertFieldErrorsAsync("name");
        Assert.Equal("New", (await boris.ChatAsync(group.Id)).Name);
    }

    [Theory, AllDatabases]
    public async Task The_owner_adds_and_removes_members_and_a_removed_member_loses_access(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var boris = await Person.RegisterAsync(apps[db]);
        var carl = await Person.RegisterAsync(apps[db]);
        var dora = await Person.RegisterAsync(apps[db]);
        var group = await anna.StartGroupAsync("Team", boris, carl);

        await (await boris.Client.PutAsync($"/api/v1/channels/{group.Id}/recipients/{dora.Id}", null)).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await anna.Client.PutAsync($"/api/v1/channels/{group.Id}/recipients/{dora.Id}", null)).StatusCode);
        Assert.Contains(await dora.ChatsAsync(), c => c.Id == group.Id);
        await (await anna.Client.PutAsync($"/api/v1/channels/{group.Id}/recipients/987654321", null)).ProblemAsync(HttpStatusCode.NotFound);

        await (await boris.Client.DeleteAsync($"/api/v1/channels/{group.Id}/recipients/{carl.Id}")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await anna.Client.DeleteAsync($"/api/v1/channels/{group.Id}/recipients/{carl.Id}")).StatusCode);
        await (await carl.Client.GetAsync($"/api/v1/channels/{group.Id}/messages")).ProblemAsync(HttpStatusCode.NotFound);
        await (await carl.PostMessageAsync(group.Id, "still here?")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(await carl.ChatsAsync(), c => c.Id == group.Id);
    }

    [Theory, AllDatabases]
    public async Task A_member_leaves_and_when_the_owner_leaves_the_oldest_member_takes_over(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var boris = await Person.RegisterAsync(apps[db]);
        var carl = await Person.RegisterAsync(apps[db]);
        var group = await anna.StartGroupAsync("Team", boris, carl);

        Assert.Equal(HttpStatusCode.NoContent, (await carl.Client.DeleteAsync($"/api/v1/channels/{group.Id}/recipients/{carl.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await anna.Client.DeleteAsync($"/api/v1/channels/{group.Id}/recipients/{anna.Id}")).StatusCode);

        var seenByBoris = await boris.ChatAsync(group.Id);
        Assert.Equal(boris.Id, seenByBoris.OwnerId);
        Assert.Equal([boris.Id], seenByBoris.Recipients.Select(r => r.Id));
    }

    [Theory, AllDatabases]
    public async Task The_chat_list_shows_last_message_unread_and_mention_counts_draft_and_mute(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db], "anna");
        var boris = await Person.RegisterAsync(apps[db], "boris");
        var chat = await anna.StartChatAsync(boris);
        await anna.SendAsync(chat.Id, "one");
        await anna.SendAsync(chat.Id, $"two @{boris.Me.Username}");
        var last = await anna.SendAsync(chat.Id, "three");
        (await boris.Client.PutAsJsonAsync($"/api/v1/channels/{chat.Id}/draft", new { content = "half-written" })).EnsureSuccessStatusCode();
        (await boris.Client.PutAsJsonAsync($"/api/v1/channels/{chat.Id}/mute", new { })).EnsureSuccessStatusCode();

        var seenByBoris = await boris.ChatAsync(chat.Id);
        var seenByAnna = await anna.ChatAsync(chat.Id);

        Assert.Equal((3, 1, "three", "half-written", true), (seenByBoris.UnreadCount, seenByBoris.MentionCount, seenByBoris.LastMessage!.Content, seenByBoris.Draft, seenByBoris.Muted));
        Assert.Equal((0, 0, last.Id), (seenByAnna.UnreadCount, seenByAnna.MentionCount, seenByAnna.LastReadId));
    }

    [Theory, AllDatabases]
    public async Task Unread_and_mention_counts_drop_when_read_and_the_list_is_newest_first(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db], "anna");
        var boris = await Person.RegisterAsync(apps[db], "boris");
        var carl = await Person.RegisterAsync(apps[db], "carl");
        var older = await anna.StartChatAsync(boris);
        var newer = await carl.StartChatAsync(boris);
        await anna.SendAsync(older.Id, $"@{boris.Me.Username} look");
        var second = await anna.SendAsync(older.Id, "and this");
        await carl.SendAsync(newer.Id, "hi");

        Assert.Equal([newer.Id, older.Id], (await boris.ChatsAsync()).Select(c => c.Id));
        var read = await (await boris.Client.PostAsJsonAsync($"/api/v1/channels/{older.Id}/read", new MarkReadRequest(second.Id))).ReadAsync<ReadStateResponse>();

        Assert.Equal((0, 0, second.Id), (read.UnreadCount, read.MentionCount, read.LastReadId));
        Assert.Equal(0, (await boris.ChatAsync(older.Id)).UnreadCount);
        Assert.Equal(1, (await boris.ChatAsync(newer.Id)).UnreadCount);
    }
}
