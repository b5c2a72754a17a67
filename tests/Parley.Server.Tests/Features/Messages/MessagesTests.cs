using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Messages;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Messages;

public sealed class SendMessageTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task A_sent_message_is_in_the_history_of_both_people(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var boris = await Person.RegisterAsync(apps[db]);
        var chat = await anna.StartChatAsync(boris);

        var sent = await anna.SendAsync(chat.Id, "**hello** there");

        Assert.Equal(("**hello** there", anna.Me.Username, chat.Id), (sent.Content, sent.Author.Username, sent.ChannelId));
        Assert.Equal(sent.Id, Assert.Single(await boris.HistoryAsync(chat.Id)).Id);
    }

    [Theory, AllDatabases]
    public async Task A_retried_send_with_the_same_nonce_returns_the_original_and_stores_one_message(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var chat = await anna.StartChatAsync(await Person.RegisterAsync(apps[db]));
        var nonce = Guid.NewGuid().ToString("N");

        var first = await anna.PostMessageAsync(chat.Id, "once", nonce);
        var retry = await anna.PostMessageAsync(chat.Id, "once", nonce);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<MessageResponse>())!.Id, (await retry.Content.ReadFromJsonAsync<MessageResponse>())!.Id);
        Assert.Single(await anna.HistoryAsync(chat.Id));
    }

    [Theory, AllDatabases]
    public async Task Simultaneous_retries_with_one_nonce_still_make_one_message(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var chat = await anna.StartChatAsync(await Person.RegisterAsync(apps[db]));
        var nonce = Guid.NewGuid().ToString("N");

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => anna.PostMessageAsync(chat.Id, "burst", nonce)));

        var ids = new HashSet<string>();
        foreach (var response in responses)
        {
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            ids.Add((await response.Content.ReadFromJsonAsync<MessageResponse>())!.Id);
        }

        Assert.Single(ids);
        Assert.Single(await anna.HistoryAsync(chat.Id));
    }

    [Theory, AllDatabases]
    public async Task Many_different_messages_sent_at_once_all_arrive_and_the_newest_is_last(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var chat = await anna.StartChatAsync(await Person.RegisterAsync(apps[db]));

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => anna.PostMessageAsync(chat.Id, $"parallel {i}")));

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var history = await anna.HistoryAsync(chat.Id);
        Assert.Equal(8, history.Count);
        var listed = await anna.ChatAsync(chat.Id);
        Assert.Equal(history[0].Id, listed.LastMessage!.Id);
        Assert.Equal((history[0].Id, 0), (listed.LastReadId, listed.UnreadCount));
    }

    [Theory, AllDatabases]
    public async Task Bad_messages_name_the_field_and_outsiders_cannot_post(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var boris = await Person.RegisterAsync(apps[db]);
        var chat = await anna.StartChatAsync(boris);
        var other = await anna.StartChatAsync(await Person.RegisterAsync(apps[db]));
        var elsewhere = await anna.SendAsync(other.Id, "elsewhere");

        await (await anna.PostMessageAsync(chat.Id, "   ")).AssertFieldErrorsAsync("content");
        await (await anna.PostMessageAsync(chat.Id, new string('x', 4001))).AssertFieldErrorsAsync("content");
        await (await anna.PostMessageAsync(chat.Id, "hi", new string('n', 65))).AssertFieldErrorsAsync("nonce");
        await (await anna.PostMessageAsync(chat.Id, "hi", replyToId: "x")).AssertFieldErrorsAsync("replyToId");
        await (await anna.PostMessageAsync(chat.Id, "hi", replyToId: elsewhere.Id)).AssertFieldErrorsAsync("replyToId");
        var stranger = await Person.RegisterAsync(apps[db]);
        await (await stranger.PostMessageAsync(chat.Id, "let me in")).ProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.GetAsync($"/api/v1/channels/{chat.Id}/messages")).ProblemAsync(HttpStatusCode.NotFound);
        await (await apps[db].CreateBrowser().PostAsJsonAsync($"/api/v1/channels/{chat.Id}/messages", new SendMessageRequest("x", null, null))).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Empty(await anna.HistoryAsync(chat.Id));
    }

    [Theory, AllDatabases]
    public async Task A_reply_carries_a_preview_and_mentions_resolve_to_members_only(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db], "anna");
        var boris = await Person.RegisterAsync(apps[db], "boris");
        var outsider = await Person.RegisterAsync(apps[db], "zed");
        var chat = await anna.StartChatAsync(boris);
        var question = await boris.SendAsync(chat.Id, "Coffee at 5?");

        var reply = await anna.SendAsync(chat.Id, $"@{boris.Me.Username.ToUpperInvariant()} yes! cc @{outsider.Me.Username}", replyToId: question.Id);

        Assert.Equal((question.Id, "Coffee at 5?", boris.Me.Username, false), (reply.ReplyTo!.Id, reply.ReplyTo.Content, reply.ReplyTo.Author!.Username, reply.ReplyTo.Deleted));
        Assert.Equal([boris.Me.Username], reply.Mentions.Select(m => m.Username));
    }

    [Theory, AllDatabases]
    public async Task Sends_are_rate_limited_per_user_with_429(Db db)
    {
        await using var app = new ParleyApp(db, new Dictionary<string, string?> { ["Parley:RateLimits:SendBurst"] = "3", ["Parley:RateLimits:SendsPerSecond"] = "1" });
        var anna = await Person.RegisterAsync(app);
        var chat = await anna.StartChatAsync(await Person.RegisterAsync(app));

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            responses.Add(await anna.PostMessageAsync(chat.Id, $"spam {i}"));
        }

        var limited = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        await limited.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.Contains("Retry-After"));
    }
}

public sealed class HistoryTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task Cursors_page_through_history_without_gaps_or_overlap(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var chat = await anna.StartChatAsync(await Person.RegisterAsync(apps[db]));
        var sent = new List<MessageResponse>();
        for (var i = 0; i < 25; i++)
        {
            sent.Add(await anna.SendAsync(chat.Id, $"m{i}"));
        }

        var latest = await anna.HistoryAsync(chat.Id, "?limit=10");
        var older = await anna.HistoryAsync(chat.Id, $"?before={latest[^1].Id}&limit=10");
        var oldest = await anna.HistoryAsync(chat.Id, $"?before={older[^1].Id}&limit=10");
        var after = await anna.HistoryAsync(chat.Id, $"?after={sent[4].Id}&limit=3");
        var around = await anna.HistoryAsync(chat.Id, $"?around={sent[12].Id}&limit=5");

        Assert.Equal(sent.Select(m => m.Id).Reverse(), latest.Concat(older).Concat(oldest).Select(m => m.Id));
        Assert.Equal(["m5", "m6", "m7"], after.Select(m => m.Content));
        Assert.Equal(["m10", "m11", "m12", "m13", "m14"], around.Select(m => m.Content));
    }

    [Theory, AllDatabases]
    public async Task Bad_cursors_and_limits_are_named(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var chat = await anna.StartChatAsync(await Person.RegisterAsync(apps[db]));

        await (await anna.Client.GetAsync($"/api/v1/channels/{chat.Id}/messages?limit=0")).AssertFieldErrorsAsync("limit");
        await (await anna.Client.GetAsync($"/api/v1/channels/{chat.Id}/messages?limit=101")).AssertFieldErrorsAsync("limit");
        await (await anna.Client.GetAsync($"/api/v1/channels/{chat.Id}/messages?before=abc")).AssertFieldErrorsAsync("before");
        await (await anna.Client.GetAsync($"/api/v1/channels/{chat.Id}/messages?before=1&after=2")).AssertFieldErrorsAsync("after");
    }
}

public sealed class EditAndDeleteTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task The_author_edits_and_everyone_sees_the_history(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var boris = await Person.RegisterAsync(apps[db]);
        var chat = await anna.StartChatAsync(boris);
        var sent = await anna.SendAsync(chat.Id, "teh first");

        var edited = await (await anna.Client.PatchAsJsonAsync($"/api/v1/channels/{chat.Id}/messages/{sent.Id}", new EditMessageRequest("the first"))).ReadAsync<MessageResponse>();
        var versions = await boris.Client.GetFromJsonAsync<List<MessageVersion>>($"/api/v1/channels/{chat.Id}/messages/{sent.Id}/edits");

        Assert.Equal("the first", edited.Content);
        Assert.NotNull(edited.EditedAt);
        Assert.Equal(["teh first", "the first"], versions!.Select(v => v.Content));
        Assert.Equal("the first", (await boris.HistoryAsync(chat.Id)).Single().Content);
    }

    [Theory, AllDatabases]
    public async Task Only_the_author_edits_and_bad_edits_change_nothing(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var boris = await Person.RegisterAsync(apps[db]);
        var chat = await anna.StartChatAsync(boris);
        var sent = await anna.SendAsync(chat.Id, "original");
        var url = $"/api/v1/channels/{chat.Id}/messages/{sent.Id}";

        await (await boris.Client.PatchAsJsonAsync(url, new EditMessageRequest("hijacked"))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await (await Person.RegisterAsync(apps[db])).Client.PatchAsJsonAsync(url, new EditMessageRequest("x"))).ProblemAsync(HttpStatusCode.NotFound);
        await (await anna.Client.PatchAsJsonAsync(url, new EditMessageRequest(""))).AssertFieldErrorsAsync("content");
        await (await anna.Client.PatchAsJsonAsync($"/api/v1/channels/{chat.Id}/messages/12345", new EditMessageRequest("x"))).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal("original", (await anna.HistoryAsync(chat.Id)).Single().Content);
    }

    [Theory, AllDatabases]
    public async Task Authors_delete_their_own_and_a_group_owner_deletes_any(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var boris = await Person.RegisterAsync(apps[db]);
        var carl = await Person.RegisterAsync(apps[db]);
        var group = await anna.StartGroupAsync("Team", boris, carl);
        var annas = await anna.SendAsync(group.Id, "from anna");
        var boriss = await boris.SendAsync(group.Id, "from boris");
        var carls = await carl.SendAsync(group.Id, "from carl");

        await (await boris.Client.DeleteAsync($"/api/v1/channels/{group.Id}/messages/{annas.Id}")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await boris.Client.DeleteAsync($"/api/v1/channels/{group.Id}/messages/{boriss.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await anna.Client.DeleteAsync($"/api/v1/channels/{group.Id}/messages/{carls.Id}")).StatusCode);
        await (await anna.Client.DeleteAsync($"/api/v1/channels/{group.Id}/messages/{carls.Id}")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal([annas.Id], (await carl.HistoryAsync(group.Id)).Select(m => m.Id));
        Assert.Equal(annas.Id, (await carl.ChatAsync(group.Id)).LastMessage!.Id);
    }

    [Theory, AllDatabases]
    public async Task A_reply_to_a_deleted_message_says_so(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var boris = await Person.RegisterAsync(apps[db]);
        var chat = await anna.StartChatAsync(boris);
        var original = await anna.SendAsync(chat.Id, "oops");
        await boris.SendAsync(chat.Id, "what?", replyToId: original.Id);

        (await anna.Client.DeleteAsync($"/api/v1/channels/{chat.Id}/messages/{original.Id}")).EnsureSuccessStatusCode();

        var reply = (await boris.HistoryAsync(chat.Id)).Single();
        Assert.True(reply.ReplyTo!.Deleted);
        Assert.Null(reply.ReplyTo.Content);
    }
}

public sealed class ReactionsAndPinsTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task Reactions_count_per_emoji_and_know_whether_they_are_mine(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var boris = await Person.RegisterAsync(apps[db]);
        var chat = await anna.StartChatAsync(boris);
        var message = await anna.SendAsync(chat.Id, "party?");
        var thumbs = Uri.EscapeDataString("👍");
        var url = $"/api/v1/channels/{chat.Id}/messages/{message.Id}/reactions";

        Assert.Equal(HttpStatusCode.NoContent, (await anna.Client.PutAsync($"{url}/{thumbs}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await anna.Client.PutAsync($"{url}/{thumbs}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await boris.Client.PutAsync($"{url}/{thumbs}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await boris.Client.PutAsync($"{url}/{Uri.EscapeDataString("🎉")}", null)).StatusCode);

        var seenByAnna = (await anna.HistoryAsync(chat.Id)).Single().Reactions;
        Assert.Equal(("👍", 2, true), (seenByAnna[0].Emoji, seenByAnna[0].Count, seenByAnna[0].Me));
        Assert.Equal(("🎉", 1, false), (seenByAnna[1].Emoji, seenByAnna[1].Count, seenByAnna[1].Me));

        Assert.Equal(HttpStatusCode.NoContent, (await boris.Client.DeleteAsync($"{url}/{thumbs}")).StatusCode);
        await (await boris.Client.DeleteAsync($"{url}/{thumbs}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(1, (await anna.HistoryAsync(chat.Id)).Single().Reactions.Single(r => r.Emoji == "👍").Count);
    }

    [Theory, AllDatabases]
    public async Task A_reaction_must_be_one_emoji_and_outsiders_cannot_react(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var chat = await anna.StartChatAsync(await Person.RegisterAsync(apps[db]));
        var message = await anna.SendAsync(chat.Id, "hi");
        var url = $"/api/v1/channels/{chat.Id}/messages/{message.Id}/reactions";

        await (await anna.Client.PutAsync($"{url}/abc", null)).AssertFieldErrorsAsync("emoji");
        await (await anna.Client.PutAsync($"{url}/{Uri.EscapeDataString("👍👍")}", null)).AssertFieldErrorsAsync("emoji");
        await (await (await Person.RegisterAsync(apps[db])).Client.PutAsync($"{url}/{Uri.EscapeDataString("👍")}", null)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await anna.HistoryAsync(chat.Id)).Single().Reactions);
    }

    [Theory, AllDatabases]
    public async Task Pinned_messages_are_listed_until_unpinned(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var boris = await Person.RegisterAsync(apps[db]);
        var chat = await anna.StartChatAsync(boris);
        var first = await anna.SendAsync(chat.Id, "address: 1 Main St");
        await anna.SendAsync(chat.Id, "chit-chat");

        Assert.Equal(HttpStatusCode.NoContent, (await boris.Client.PutAsync($"/api/v1/channels/{chat.Id}/pins/{first.Id}", null)).StatusCode);
        var pins = await anna.Client.GetFromJsonAsync<List<MessageResponse>>($"/api/v1/channels/{chat.Id}/pins");
        Assert.Equal(first.Id, Assert.Single(pins!).Id);
        Assert.True((await anna.HistoryAsync(chat.Id)).Single(m => m.Id == first.Id).Pinned);

        Assert.Equal(HttpStatusCode.NoContent, (await anna.Client.DeleteAsync($"/api/v1/channels/{chat.Id}/pins/{first.Id}")).StatusCode);
        Assert.Empty((await anna.Client.GetFromJsonAsync<List<MessageResponse>>($"/api/v1/channels/{chat.Id}/pins"))!);
        var stranger = await Person.RegisterAsync(apps[db]);
        await (await stranger.Client.GetAsync($"/api/v1/channels/{chat.Id}/pins")).ProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.PutAsync($"/api/v1/channels/{chat.Id}/pins/{first.Id}", null)).ProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class ReadStateTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task Read_receipts_show_how_far_others_read_unless_they_hide_them(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var boris = await Person.RegisterAsync(apps[db]);
        var carl = await Person.RegisterAsync(apps[db]);
        var group = await anna.StartGroupAsync("Team", boris, carl);
        var message = await anna.SendAsync(group.Id, "read me");
        (await carl.Client.PatchAsJsonAsync("/api/v1/users/me/settings", new { privacy = new { readReceipts = false } })).EnsureSuccessStatusCode();
        (await boris.Client.PostAsJsonAsync($"/api/v1/channels/{group.Id}/read", new { messageId = message.Id })).EnsureSuccessStatusCode();
        (await carl.Client.PostAsJsonAsync($"/api/v1/channels/{group.Id}/read", new { messageId = message.Id })).EnsureSuccessStatusCode();

        var receipts = await anna.Client.GetFromJsonAsync<List<Contracts.Channels.ReadReceipt>>($"/api/v1/channels/{group.Id}/read-receipts");

        Assert.Equal(boris.Id, Assert.Single(receipts!).UserId);
        Assert.Equal(message.Id, receipts![0].LastReadId);
        Assert.Empty((await carl.Client.GetFromJsonAsync<List<Contracts.Channels.ReadReceipt>>($"/api/v1/channels/{group.Id}/read-receipts"))!);
    }

    [Theory, AllDatabases]
    public async Task Marking_read_needs_a_message_of_this_chat_and_never_moves_back(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var boris = await Person.RegisterAsync(apps[db]);
        var chat = await anna.StartChatAsync(boris);
        var first = await anna.SendAsync(chat.Id, "1");
        var second = await anna.SendAsync(chat.Id, "2");
        var other = await anna.StartChatAsync(await Person.RegisterAsync(apps[db]));
        var foreign = await anna.SendAsync(other.Id, "x");
        var url = $"/api/v1/channels/{chat.Id}/read";

        await (await boris.Client.PostAsJsonAsync(url, new { messageId = "nope" })).AssertFieldErrorsAsync("messageId");
        await (await boris.Client.PostAsJsonAsync(url, new { messageId = foreign.Id })).AssertFieldErrorsAsync("messageId");
        await (await (await Person.RegisterAsync(apps[db])).Client.PostAsJsonAsync(url, new { messageId = first.Id })).ProblemAsync(HttpStatusCode.NotFound);
        (await boris.Client.PostAsJsonAsync(url, new { messageId = second.Id })).EnsureSuccessStatusCode();
        var back = await (await boris.Client.PostAsJsonAsync(url, new { messageId = first.Id })).ReadAsync<Contracts.Channels.ReadStateResponse>();

        Assert.Equal(second.Id, back.LastReadId);
    }

    [Theory, AllDatabases]
    public async Task Drafts_follow_you_to_every_device_and_clear(Db db)
    {
        var username = Names.Unique();
        var laptop = apps[db].CreateBrowser();
        var me = await laptop.RegisterAsync(username);
        var anna = new Person(laptop, me);
        var chat = await anna.StartChatAsync(await Person.RegisterAsync(apps[db]));
        (await laptop.PutAsJsonAsync($"/api/v1/channels/{chat.Id}/draft", new { content = "Dear Boris," })).EnsureSuccessStatusCode();

        var phone = new Person(apps[db].CreateBrowser(), me);
        (await phone.Client.LoginAsync(username)).EnsureSuccessStatusCode();
        Assert.Equal("Dear Boris,", (await phone.ChatAsync(chat.Id)).Draft);

        await (await laptop.PutAsJsonAsync($"/api/v1/channels/{chat.Id}/draft", new { content = new string('d', 4001) })).AssertFieldErrorsAsync("content");
        Assert.Equal(HttpStatusCode.NoContent, (await phone.Client.DeleteAsync($"/api/v1/channels/{chat.Id}/draft")).StatusCode);
        Assert.Null((await anna.ChatAsync(chat.Id)).Draft);
    }

    [Theory, AllDatabases]
    public async Task Mute_until_a_time_or_for_good_and_unmute(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var chat = await anna.StartChatAsync(await Person.RegisterAsync(apps[db]));
        var url = $"/api/v1/channels/{chat.Id}/mute";

        await (await anna.Client.PutAsJsonAsync(url, new { until = TimeProvider.System.GetUtcNow().AddHours(-1) })).AssertFieldErrorsAsync("until");
        (await anna.Client.PutAsJsonAsync(url, new { until = TimeProvider.System.GetUtcNow().AddHours(8) })).EnsureSuccessStatusCode();
        var muted = await anna.ChatAsync(chat.Id);
        Assert.True(muted.Muted);
        Assert.NotNull(muted.MutedUntil);
        (await anna.Client.DeleteAsync(url)).EnsureSuccessStatusCode();
        Assert.False((await anna.ChatAsync(chat.Id)).Muted);
        await (await (await Person.RegisterAsync(apps[db])).Client.PutAsJsonAsync(url, new { })).ProblemAsync(HttpStatusCode.NotFound);
    }
}
