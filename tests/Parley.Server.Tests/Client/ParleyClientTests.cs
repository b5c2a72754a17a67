using System.Net;
using System.Net.Http.Json;
using Parley.Client;
using Parley.Contracts.Messages;
using Parley.Contracts.Servers;
using Parley.Contracts.Users;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Client;

public sealed class ParleyClientTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    private ParleyApp App => apps[Db.Sqlite];

    [Fact]
    public async Task A_created_token_signs_the_client_in_and_is_listed_by_name()
    {
        var person = await Person.RegisterAsync(App, "sdk");
        var created = await ParleyClient.CreateTokenAsync(SdkSupport.BaseUri, person.Me.Username, Api.Password, "my bot", App.Server.CreateHandler());
        using var client = SdkSupport.Client(App, created.Token);

        var me = await client.GetMeAsync();
        var tokens = await client.GetTokensAsync();

        Assert.StartsWith("pat_", created.Token, StringComparison.Ordinal);
        Assert.Equal(person.Id, me.Id);
        Assert.Equal(("my bot", created.Id), (Assert.Single(tokens).Name, tokens[0].Id));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_401()
    {
        var person = await Person.RegisterAsync(App, "sdk");

        var refused = await Assert.ThrowsAsync<ParleyApiException>(() =>
            ParleyClient.CreateTokenAsync(SdkSupport.BaseUri, person.Me.Username, "wrong password", "x", App.Server.CreateHandler()));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Profile_and_settings_are_read_and_updated()
    {
        var (_, client) = await SdkSupport.SignedInAsync(App);
        using (client)
        {
            var updated = await client.UpdateMeAsync(new UpdateMeRequest("Anna K", null, "on a train", Presence.Dnd));
            var settings = await client.UpdateSettingsAsync(new UpdateSettingsRequest(Theme.Dark, Language.Ru, null, null));

            Assert.Equal(("Anna K", "on a train", Presence.Dnd), (updated.DisplayName, updated.StatusText, updated.Presence));
            Assert.Equal("Anna K", (await client.GetMeAsync()).DisplayName);
            Assert.Equal((Theme.Dark, Language.Ru), (settings.Theme, settings.Language));
            Assert.Equal(Theme.Dark, (await client.GetSettingsAsync()).Theme);
        }
    }

    [Fact]
    public async Task People_are_found_by_name_and_fetched_by_id()
    {
        var (_, client) = await SdkSupport.SignedInAsync(App, "finder");
        var boris = await Person.RegisterAsync(App, "boris");
        using (client)
        {
            var found = await client.SearchUsersAsync(boris.Me.Username);
            var user = await client.GetUserAsync(boris.Id);

            Assert.Contains(found, u => u.Id == boris.Id);
            Assert.Equal(boris.Me.Username, user.Username);
        }
    }

    [Fact]
    public async Task Messages_are_sent_edited_reacted_to_marked_read_and_deleted()
    {
        var (anna, annaClient) = await SdkSupport.SignedInAsync(App, "anna");
        var (boris, borisClient) = await SdkSupport.SignedInAsync(App, "boris");
        using (annaClient)
        using (borisClient)
        {
            var chat = await annaClient.OpenDirectChatAsync(boris.Id);
            Assert.Equal(chat.Id, (await borisClient.OpenDirectChatAsync(anna.Id)).Id);

            var first = await annaClient.SendMessageAsync(chat.Id, "hello from the sdk");
            var retried = await annaClient.SendMessageAsync(chat.Id, "hello from the sdk", first.Nonce);
            var second = await annaClient.SendMessageAsync(chat.Id, new SendMessageRequest("a reply", null, first.Id));
            Assert.False(string.IsNullOrEmpty(first.Nonce));
            Assert.Equal(first.Id, retried.Id);
            Assert.Equal(first.Id, second.ReplyTo!.Id);

            var borisChat = Assert.Single(await borisClient.GetChannelsAsync(), c => c.Id == chat.Id);
            Assert.Equal(2, borisChat.UnreadCount);
            var read = await borisClient.MarkReadAsync(chat.Id, second.Id);
            Assert.Equal((0, second.Id), (read.UnreadCount, read.LastReadId));

            var edited = await annaClient.EditMessageAsync(chat.Id, first.Id, "hello, edited");
            Assert.NotNull(edited.EditedAt);

            await borisClient.AddReactionAsync(chat.Id, first.Id, "👍");
            var reacted = Assert.Single(await annaClient.GetMessagesAsync(chat.Id, after: "1", limit: 1));
            Assert.Equal(("👍", 1), (Assert.Single(reacted.Reactions).Emoji, reacted.Reactions[0].Count));
            await borisClient.RemoveReactionAsync(chat.Id, first.Id, "👍");
            Assert.Empty(Assert.Single(await annaClient.GetMessagesAsync(chat.Id, after: "1", limit: 1)).Reactions);

            await annaClient.DeleteMessageAsync(chat.Id, second.Id);
            var left = await annaClient.GetMessagesAsync(chat.Id);
            Assert.Equal([first.Id], left.Select(m => m.Id));
            Assert.Equal("hello, edited", (await annaClient.GetChannelAsync(chat.Id)).LastMessage!.Content);
        }
    }

    [Fact]
    public async Task A_group_is_created_with_its_name_and_members()
    {
        var (_, client) = await SdkSupport.SignedInAsync(App, "owner");
        var boris = await Person.RegisterAsync(App, "boris");
        var carl = await Person.RegisterAsync(App, "carl");
        using (client)
        {
            var group = await client.CreateGroupAsync("Trip", [boris.Id, carl.Id]);

            Assert.Equal(("Trip", 3), (group.Name, group.Recipients.Count));
            Assert.Contains(await client.GetChannelsAsync(), c => c.Id == group.Id);
        }
    }

    [Fact]
    public async Task History_walks_every_message_newest_first_without_duplicates()
    {
        var (boris, client) = await SdkSupport.SignedInAsync(App, "pager");
        var anna = await Person.RegisterAsync(App, "anna");
        using (client)
        {
            var chat = await client.OpenDirectChatAsync(anna.Id);
            var sent = new List<string>();
            for (var i = 0; i < 23; i++)
            {
                sent.Add((await client.SendMessageAsync(chat.Id, $"message {i}")).Id);
            }

            var walked = new List<string>();
            await foreach (var message in client.GetHistoryAsync(chat.Id, pageSize: 5))
            {
                walked.Add(message.Id);
            }

            Assert.Equal(Enumerable.Reverse(sent), walked);
            Assert.Equal(3, (await client.GetMessagesAsync(chat.Id, before: sent[3])).Count);
            Assert.Equal(sent[4..7], (await client.GetMessagesAsync(chat.Id, after: sent[3], limit: 3)).Select(m => m.Id));
        }
    }

    [Fact]
    public async Task Friends_are_asked_by_username_accepted_declined_and_removed()
    {
        var (anna, annaClient) = await SdkSupport.SignedInAsync(App, "anna");
        var (boris, borisClient) = await SdkSupport.SignedInAsync(App, "boris");
        var (carl, carlClient) = await SdkSupport.SignedInAsync(App, "carl");
        using (annaClient)
        using (borisClient)
        using (carlClient)
        {
            var asked = await annaClient.SendFriendRequestAsync(boris.Me.Username);
            Assert.False(asked.BecameFriends);
            var incoming = Assert.Single((await borisClient.GetFriendRequestsAsync()).Incoming);
            Assert.Equal((asked.Request!.Id, anna.Id), (incoming.Id, incoming.From.Id));

            var friendship = await borisClient.AcceptFriendRequestAsync(incoming.Id);
            Assert.Equal(anna.Id, friendship.User.Id);
            Assert.Equal([boris.Id], (await annaClient.GetFriendsAsync()).Select(f => f.User.Id));

            await annaClient.RemoveFriendAsync(boris.Id);
            Assert.Empty(await annaClient.GetFriendsAsync());

            var toCarl = await annaClient.SendFriendRequestAsync(carl.Me.Username);
            await carlClient.DeclineFriendRequestAsync(toCarl.Request!.Id);
            Assert.Empty((await annaClient.GetFriendRequestsAsync()).Outgoing);

            await carlClient.SendFriendRequestAsync(anna.Me.Username);
            var askedBack = await annaClient.SendFriendRequestAsync(carl.Me.Username);
            Assert.True(askedBack.BecameFriends);
            Assert.Equal(carl.Id, askedBack.Friendship!.User.Id);
        }
    }

    [Fact]
    public async Task Servers_and_their_channels_are_listed()
    {
        var (person, client) = await SdkSupport.SignedInAsync(App, "owner");
        var created = await (await person.Client.PostAsJsonAsync("/api/v1/servers", new CreateServerRequest("Book club"))).ReadAsync<ServerResponse>();
        using (client)
        {
            var servers = await client.GetServersAsync();
            var server = await client.GetServerAsync(created.Id);
            var channels = await client.GetServerChannelsAsync(created.Id);

            Assert.Equal([created.Id], servers.Select(s => s.Id));
            Assert.Equal("Book club", server.Name);
            Assert.Contains(channels, c => c.Name == "general");
        }
    }

    [Fact]
    public async Task Search_filters_by_chat_and_author_and_pages_by_cursor()
    {
        var (anna, annaClient) = await SdkSupport.SignedInAsync(App, "anna");
        var (boris, borisClient) = await SdkSupport.SignedInAsync(App, "boris");
        using (annaClient)
        using (borisClient)
        {
            var chat = await annaClient.OpenDirectChatAsync(boris.Id);
            var word = "zebra" + Guid.NewGuid().ToString("N")[..8];
            await annaClient.SendMessageAsync(chat.Id, $"the {word} one");
            await annaClient.SendMessageAsync(chat.Id, $"the {word} two");
            await borisClient.SendMessageAsync(chat.Id, $"the {word} three");

            var byAnna = await borisClient.SearchMessagesAsync(new MessageSearchQuery(word) { ChannelId = chat.Id, AuthorId = anna.Me.Username });
            var all = new List<string>();
            await foreach (var hit in borisClient.SearchAllMessagesAsync(new MessageSearchQuery(word) { Limit = 1 }))
            {
                all.Add(hit.Message.Id);
            }

            Assert.Equal(2, byAnna.TotalCount);
            Assert.All(byAnna.Messages, hit => Assert.Equal(anna.Id, hit.Message.Author.Id));
            Assert.Equal(3, all.Distinct().Count());
            var refused = await Assert.ThrowsAsync<ParleyApiException>(() => borisClient.SearchMessagesAsync(new MessageSearchQuery(word) { Has = "video" }));
            Assert.Contains("has", refused.Errors.Keys);
        }
    }

    [Fact]
    public async Task Invalid_input_surfaces_as_an_exception_naming_the_field()
    {
        var (_, client) = await SdkSupport.SignedInAsync(App, "anna");
        var boris = await Person.RegisterAsync(App, "boris");
        using (client)
        {
            var chat = await client.OpenDirectChatAsync(boris.Id);

            var refused = await Assert.ThrowsAsync<ParleyApiException>(() => client.SendMessageAsync(chat.Id, ""));

            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.NotEmpty(refused.Errors["content"]);
            Assert.Contains("content:", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_chat_you_are_not_in_is_404()
    {
        var anna = await Person.RegisterAsync(App, "anna");
        var boris = await Person.RegisterAsync(App, "boris");
        var chat = await anna.StartChatAsync(boris);
        var (_, stranger) = await SdkSupport.SignedInAsync(App, "stranger");
        using (stranger)
        {
            var refused = await Assert.ThrowsAsync<ParleyApiException>(() => stranger.GetMessagesAsync(chat.Id));
            var sending = await Assert.ThrowsAsync<ParleyApiException>(() => stranger.SendMessageAsync(chat.Id, "let me in"));

            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, sending.StatusCode);
        }
    }

    [Fact]
    public async Task A_revoked_or_unknown_token_gets_401()
    {
        var (_, client) = await SdkSupport.SignedInAsync(App, "anna");
        using (client)
        using (var unknown = SdkSupport.Client(App, "pat_not_a_real_token"))
        {
            var tokenId = Assert.Single(await client.GetTokensAsync()).Id;
            await client.RevokeTokenAsync(tokenId);

            var revoked = await Assert.ThrowsAsync<ParleyApiException>(() => client.GetMeAsync());
            var invalid = await Assert.ThrowsAsync<ParleyApiException>(() => unknown.GetChannelsAsync());

            Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, invalid.StatusCode);
        }
    }

    [Fact]
    public async Task Too_many_attempts_expose_when_to_retry()
    {
        await using var app = new ParleyApp(Db.Sqlite, new Dictionary<string, string?> { ["Parley:RateLimits:AuthPermitsPerMinute"] = "1" });
        var login = Names.Unique();

        await Assert.ThrowsAsync<ParleyApiException>(() =>
            ParleyClient.CreateTokenAsync(SdkSupport.BaseUri, login, "whatever", "x", app.Server.CreateHandler()));
        var limited = await Assert.ThrowsAsync<ParleyApiException>(() =>
            ParleyClient.CreateTokenAsync(SdkSupport.BaseUri, login, "whatever", "x", app.Server.CreateHandler()));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.RetryAfter);
        Assert.True(limited.RetryAfter > TimeSpan.Zero);
    }
}
