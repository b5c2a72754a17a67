using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts.Messages;
using Parley.Contracts.Servers;
using Parley.Server.Tests.Features.Servers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Polls;

/// <summary>The server's clock for these tests: real time plus however far a test moved it on. It never goes back.</summary>
public sealed class ManualClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}

/// <summary>A server per database whose TimeProvider is a <see cref="ManualClock"/>, so polls expire without waiting.</summary>
public sealed class ClockedApps : IAsyncLifetime
{
    private readonly Dictionary<Db, (ParleyApp App, WebApplicationFactory<Program> Clocked)> _apps = [];
    private readonly Lock _gate = new();

    public ManualClock Clock { get; } = new();

    public WebApplicationFactory<Program> this[Db db]
    {
        get
        {
            lock (_gate)
            {
                if (!_apps.TryGetValue(db, out var pair))
                {
                    var app = new ParleyApp(db);
                    var clocked = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock)));
                    _ = clocked.Server;
                    _apps[db] = pair = (app, clocked);
                }

                return pair.Clocked;
            }
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var (app, clocked) in _apps.Values)
        {
            await clocked.DisposeAsync();
            await app.DisposeAsync();
        }
    }
}

internal static class PollApi
{
    public static async Task<Person> RegisterAsync(this WebApplicationFactory<Program> app, string stem = "voter")
    {
        var client = app.CreateDefaultClient(new Uri("http://localhost"), new BrowserCookies());
        return new Person(client, await client.RegisterAsync(Names.Unique(stem)));
    }

    public static Task<HttpResponseMessage> PostPollAsync(this Person person, string channelId, PollRequest poll, string content = "") =>
        person.Client.PostAsJsonAsync($"/api/v1/channels/{channelId}/messages", new SendMessageRequest(content, Guid.NewGuid().ToString("N"), null, Poll: poll));

    public static async Task<MessageResponse> CreatePollAsync(this Person person, string channelId, bool allowMultiple = false, int? minutes = null, params string[] options)
    {
        var response = await person.PostPollAsync(channelId, new PollRequest("Where shall we meet?", options.Length > 0 ? options : ["Park", "Cafe", "Library"], allowMultiple, minutes));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MessageResponse>())!;
    }

    public static Task<HttpResponseMessage> VoteAsync(this Person person, MessageResponse message, params string[] optionIds) =>
        person.Client.PutAsJsonAsync($"/api/v1/channels/{message.ChannelId}/polls/{message.Id}/votes", new PollVoteRequest(optionIds));

    public static Task<HttpResponseMessage> EndAsync(this Person person, MessageResponse message) =>
        person.Client.PostAsync($"/api/v1/channels/{message.ChannelId}/polls/{message.Id}/expire", null);

    public static async Task<PollResponse> PollAsync(this Person person, MessageResponse message) =>
        (await person.HistoryAsync(message.ChannelId)).Single(m => m.Id == message.Id).Poll!;

    public static int[] Tallies(this PollResponse poll) => poll.Options.Select(o => o.Votes).ToArray();
}

public sealed class PollsTests(ClockedApps apps) : IClassFixture<ClockedApps>
{
    [Theory, AllDatabases]
    public async Task A_poll_is_posted_with_its_options_and_read_back_by_everyone(Db db)
    {
        var anna = await apps[db].RegisterAsync();
        var boris = await apps[db].RegisterAsync();
        var chat = await anna.StartChatAsync(boris);

        var sent = await anna.CreatePollAsync(chat.Id, allowMultiple: true, minutes: 60);

        var poll = sent.Poll!;
        Assert.Equal(("Where shall we meet?", true, false, 0, ""), (poll.Question, poll.AllowMultiple, poll.Closed, poll.TotalVoters, sent.Content));
        Assert.Equal(["Park", "Cafe", "Library"], poll.Options.Select(o => o.Text));
        Assert.Empty(poll.MyVotes);
        Assert.InRange(poll.ExpiresAt - apps.Clock.GetUtcNow(), TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(60));
        var seen = await boris.PollAsync(sent);
        Assert.Equal(poll.Options.Select(o => o.Id), seen.Options.Select(o => o.Id));
        var plain = await anna.SendAsync(chat.Id, "not a poll");
        Assert.Null(plain.Poll);
    }

    [Theory, AllDatabases]
    public async Task The_default_duration_is_a_day_and_a_poll_may_carry_text(Db db)
    {
        var anna = await apps[db].RegisterAsync();
        var chat = await anna.StartChatAsync(await apps[db].RegisterAsync());

        var response = await anna.PostPollAsync(chat.Id, new PollRequest("  Pizza?  ", [" Yes ", "No"], false, null), content: "Friday night");

        var sent = await response.ReadAsync<MessageResponse>();
        Assert.Equal(("Friday night", "Pizza?"), (sent.Content, sent.Poll!.Question));
        Assert.Equal(["Yes", "No"], sent.Poll.Options.Select(o => o.Text));
        Assert.InRange(sent.Poll.ExpiresAt - apps.Clock.GetUtcNow(), TimeSpan.FromHours(23.9), TimeSpan.FromHours(24));
    }

    [Theory, AllDatabases]
    public async Task A_bad_poll_is_refused_naming_the_field(Db db)
    {
        var anna = await apps[db].RegisterAsync();
        var chat = await anna.StartChatAsync(await apps[db].RegisterAsync());
        string[] two = ["a", "b"];

        await (await anna.PostPollAsync(chat.Id, new PollRequest("", two, false, 60))).AssertFieldErrorsAsync("poll.question");
        await (await anna.PostPollAsync(chat.Id, new PollRequest(new string('q', 301), two, false, 60))).AssertFieldErrorsAsync("poll.question");
        await (await anna.PostPollAsync(chat.Id, new PollRequest("Q", ["only"], false, 60))).AssertFieldErrorsAsync("poll.options");
        await (await anna.PostPollAsync(chat.Id, new PollRequest("Q", Enumerable.Range(0, 11).Select(i => $"o{i}").ToList(), false, 60))).AssertFieldErrorsAsync("poll.options");
        await (await anna.PostPollAsync(chat.Id, new PollRequest("Q", ["same", "Same"], false, 60))).AssertFieldErrorsAsync("poll.options");
        await (await anna.PostPollAsync(chat.Id, new PollRequest("Q", ["a", " "], false, 60))).AssertFieldErrorsAsync("poll.options");
        await (await anna.PostPollAsync(chat.Id, new PollRequest("Q", ["a", new string('o', 101)], false, 60))).AssertFieldErrorsAsync("poll.options");
        await (await anna.PostPollAsync(chat.Id, new PollRequest("Q", two, false, 4))).AssertFieldErrorsAsync("poll.durationMinutes");
        await (await anna.PostPollAsync(chat.Id, new PollRequest("Q", two, false, 525_601))).AssertFieldErrorsAsync("poll.durationMinutes");
        Assert.Equal(HttpStatusCode.Created, (await anna.PostPollAsync(chat.Id, new PollRequest("Q", Enumerable.Range(0, 10).Select(i => $"o{i}").ToList(), false, 525_600))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await anna.PostPollAsync(chat.Id, new PollRequest("Q", two, false, 5))).StatusCode);
        Assert.Equal(2, (await anna.HistoryAsync(chat.Id)).Count);
    }

    [Theory, AllDatabases]
    public async Task Voting_counts_changing_a_vote_moves_it_and_an_empty_list_takes_it_back(Db db)
    {
        var anna = await apps[db].RegisterAsync();
        var boris = await apps[db].RegisterAsync();
        var chat = await anna.StartChatAsync(boris);
        var sent = await anna.CreatePollAsync(chat.Id);
        var (park, cafe) = (sent.Poll!.Options[0].Id, sent.Poll.Options[1].Id);

        var afterAnna = await (await anna.VoteAsync(sent, park)).ReadAsync<PollResponse>();
        var afterBoris = await (await boris.VoteAsync(sent, park)).ReadAsync<PollResponse>();
        Assert.Equal([1, 0, 0], afterAnna.Tallies());
        Assert.Equal((1, park), (afterAnna.TotalVoters, Assert.Single(afterAnna.MyVotes)));
        Assert.Equal([2, 0, 0], afterBoris.Tallies());
        Assert.Equal(2, afterBoris.TotalVoters);

        var changed = await (await boris.VoteAsync(sent, cafe)).ReadAsync<PollResponse>();
        Assert.Equal([1, 1, 0], changed.Tallies());
        Assert.Equal((2, cafe), (changed.TotalVoters, Assert.Single(changed.MyVotes)));
        Assert.Equal([park], (await anna.PollAsync(sent)).MyVotes);
        Assert.Equal([cafe], (await boris.PollAsync(sent)).MyVotes);

        var retracted = await (await boris.VoteAsync(sent)).ReadAsync<PollResponse>();
        Assert.Equal([1, 0, 0], retracted.Tallies());
        Assert.Equal(1, retracted.TotalVoters);
        Assert.Empty((await boris.PollAsync(sent)).MyVotes);
    }

    [Theory, AllDatabases]
    public async Task Several_choices_only_when_the_poll_allows_them(Db db)
    {
        var anna = await apps[db].RegisterAsync();
        var boris = await apps[db].RegisterAsync();
        var chat = await anna.StartGroupAsync("Trip", boris, await apps[db].RegisterAsync());
        var single = await anna.CreatePollAsync(chat.Id);
        var multiple = await anna.CreatePollAsync(chat.Id, allowMultiple: true);
        var other = await anna.CreatePollAsync(chat.Id);

        await (await boris.VoteAsync(single, single.Poll!.Options[0].Id, single.Poll.Options[1].Id)).AssertFieldErrorsAsync("optionIds");
        await (await boris.VoteAsync(single, other.Poll!.Options[0].Id)).AssertFieldErrorsAsync("optionIds");
        await (await boris.VoteAsync(single, "not-an-id")).AssertFieldErrorsAsync("optionIds");
        var both = await (await boris.VoteAsync(multiple, multiple.Poll!.Options[0].Id, multiple.Poll.Options[2].Id)).ReadAsync<PollResponse>();

        Assert.Equal([1, 0, 1], both.Tallies());
        Assert.Equal(1, both.TotalVoters);
        Assert.Equal(2, both.MyVotes.Count);
        var untouched = await anna.PollAsync(single);
        Assert.Equal([0, 0, 0], untouched.Tallies());
    }

    [Theory, AllDatabases]
    public async Task A_poll_expires_by_the_clock_and_then_refuses_votes(Db db)
    {
        var anna = await apps[db].RegisterAsync();
        var boris = await apps[db].RegisterAsync();
        var chat = await anna.StartChatAsync(boris);
        var sent = await anna.CreatePollAsync(chat.Id, minutes: 5);
        await (await boris.VoteAsync(sent, sent.Poll!.Options[1].Id)).ReadAsync<PollResponse>();

        apps.Clock.Advance(TimeSpan.FromMinutes(6));

        var closed = await anna.PollAsync(sent);
        Assert.Equal((true, 1), (closed.Closed, closed.TotalVoters));
        Assert.Equal([0, 1, 0], closed.Tallies());
        await (await anna.VoteAsync(sent, sent.Poll.Options[0].Id)).ProblemAsync(HttpStatusCode.Conflict);
        await (await boris.VoteAsync(sent)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal([sent.Poll.Options[1].Id], (await boris.PollAsync(sent)).MyVotes);
    }

    [Theory, AllDatabases]
    public async Task The_author_ends_a_poll_early_and_others_in_a_direct_chat_cannot(Db db)
    {
        var anna = await apps[db].RegisterAsync();
        var boris = await apps[db].RegisterAsync();
        var chat = await anna.StartChatAsync(boris);
        var sent = await anna.CreatePollAsync(chat.Id);

        await (await boris.EndAsync(sent)).ProblemAsync(HttpStatusCode.Forbidden);
        var ended = await (await anna.EndAsync(sent)).ReadAsync<PollResponse>();
        var again = await (await anna.EndAsync(sent)).ReadAsync<PollResponse>();

        Assert.True(ended.Closed);
        Assert.True(again.Closed);
        Assert.True((await boris.PollAsync(sent)).Closed);
        await (await boris.VoteAsync(sent, sent.Poll!.Options[0].Id)).ProblemAsync(HttpStatusCode.Conflict);
        await using var scope = apps[db].Services.CreateAsyncScope();
        var id = long.Parse(sent.Id, System.Globalization.CultureInfo.InvariantCulture);
        var stored = await scope.ServiceProvider.GetRequiredService<Parley.Data.ParleyDbContext>().Polls.SingleAsync(p => p.MessageId == id);
        Assert.NotNull(stored.ClosedAt);
    }

    [Theory, AllDatabases]
    public async Task A_group_owner_may_end_a_members_poll(Db db)
    {
        var anna = await apps[db].RegisterAsync();
        var boris = await apps[db].RegisterAsync();
        var vera = await apps[db].RegisterAsync();
        var group = await anna.StartGroupAsync("Trip", boris, vera);
        var sent = await boris.CreatePollAsync(group.Id);

        await (await vera.EndAsync(sent)).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.True((await (await anna.EndAsync(sent)).ReadAsync<PollResponse>()).Closed);
    }

    [Theory, AllDatabases]
    public async Task In_a_server_a_moderator_ends_a_poll_and_voting_needs_read_access(Db db)
    {
        var owner = await apps[db].RegisterAsync();
        var mod = await apps[db].RegisterAsync();
        var member = await apps[db].RegisterAsync();
        var server = await owner.CreateServerAsync("Polls club");
        var general = await owner.GeneralAsync(server.Id);
        var invite = await owner.InviteAsync(general);
        await mod.JoinAsync(invite.Code);
        await member.JoinAsync(invite.Code);
        var moderators = await owner.CreateRoleAsync(server.Id, "Mods", Permission.ManageMessages);
        await owner.GiveRolesAsync(server.Id, mod, moderators);
        var sent = await member.CreatePollAsync(general);
        var other = await member.CreatePollAsync(general);

        await (await member.VoteAsync(sent, sent.Poll!.Options[0].Id)).ReadAsync<PollResponse>();
        await (await owner.VoteAsync(sent, sent.Poll.Options[0].Id)).ReadAsync<PollResponse>();
        var seenByMod = await mod.PollAsync(sent);
        Assert.Equal([2, 0, 0], seenByMod.Tallies());
        Assert.True((await (await mod.EndAsync(sent)).ReadAsync<PollResponse>()).Closed);
        await (await mod.VoteAsync(sent, sent.Poll.Options[1].Id)).ProblemAsync(HttpStatusCode.Conflict);

        await owner.SetOverwriteAsync(general, mod.Id, "member", Permission.None, Permission.ReadMessageHistory);
        await (await mod.VoteAsync(other, other.Poll!.Options[0].Id)).ProblemAsync(HttpStatusCode.Forbidden);
        await owner.SetOverwriteAsync(general, mod.Id, "member", Permission.None, Permission.ViewChannel);
        await (await mod.VoteAsync(other, other.Poll.Options[0].Id)).ProblemAsync(HttpStatusCode.NotFound);
        await (await mod.EndAsync(other)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, AllDatabases]
    public async Task Strangers_and_the_signed_out_get_nothing(Db db)
    {
        var anna = await apps[db].RegisterAsync();
        var chat = await anna.StartChatAsync(await apps[db].RegisterAsync());
        var sent = await anna.CreatePollAsync(chat.Id);
        var stranger = await apps[db].RegisterAsync();
        var signedOut = new Person(apps[db].CreateDefaultClient(new Uri("http://localhost"), new BrowserCookies()), anna.Me);
        var plain = await anna.SendAsync(chat.Id, "no poll here");

        await (await stranger.VoteAsync(sent, sent.Poll!.Options[0].Id)).ProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.EndAsync(sent)).ProblemAsync(HttpStatusCode.NotFound);
        await (await anna.VoteAsync(plain, sent.Poll.Options[0].Id)).ProblemAsync(HttpStatusCode.NotFound);
        await (await anna.EndAsync(plain)).ProblemAsync(HttpStatusCode.NotFound);
        await (await signedOut.VoteAsync(sent, sent.Poll.Options[0].Id)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await signedOut.EndAsync(sent)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory, AllDatabases]
    public async Task Votes_and_ending_are_broadcast_to_the_chat_as_tallies(Db db)
    {
        var anna = await apps[db].RegisterAsync();
        var boris = await apps[db].RegisterAsync();
        var chat = await anna.StartChatAsync(boris);
        var sent = await anna.CreatePollAsync(chat.Id);
        await using var annaHub = await PollHub.ConnectAsync(apps[db], await anna.Client.CreateTokenAsync(anna.Me.Username));

        await (await boris.VoteAsync(sent, sent.Poll!.Options[2].Id)).ReadAsync<PollResponse>();
        var voted = await annaHub.WaitForAsync(e => e.GetProperty("messageId").GetString() == sent.Id && e.GetProperty("totalVoters").GetInt32() == 1);
        await (await anna.EndAsync(sent)).ReadAsync<PollResponse>();
        var ended = await annaHub.WaitForAsync(e => e.GetProperty("closed").GetBoolean());

        Assert.Equal(chat.Id, voted.Str("channelId"));
        Assert.Equal([0, 0, 1], voted.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("votes").GetInt32()));
        Assert.False(voted.TryGetProperty("myVotes", out _));
        Assert.Equal(sent.Id, ended.Str("messageId"));
    }

    [Theory, AllDatabases]
    public async Task Deleting_a_poll_with_votes_deletes_it_all(Db db)
    {
        var anna = await apps[db].RegisterAsync();
        var boris = await apps[db].RegisterAsync();
        var chat = await anna.StartChatAsync(boris);
        var sent = await anna.CreatePollAsync(chat.Id, allowMultiple: true);
        await (await boris.VoteAsync(sent, sent.Poll!.Options[0].Id, sent.Poll.Options[1].Id)).ReadAsync<PollResponse>();

        (await anna.Client.DeleteAsync($"/api/v1/channels/{chat.Id}/messages/{sent.Id}")).EnsureSuccessStatusCode();

        Assert.Empty(await boris.HistoryAsync(chat.Id));
        await (await boris.VoteAsync(sent, sent.Poll.Options[0].Id)).ProblemAsync(HttpStatusCode.NotFound);
        await using var scope = apps[db].Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<Parley.Data.ParleyDbContext>();
        var id = long.Parse(sent.Id, System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(await database.PollVotes.AnyAsync(v => v.MessageId == id));
        Assert.False(await database.PollOptions.AnyAsync(o => o.MessageId == id));
    }

    [Theory, AllDatabases]
    public async Task A_page_of_polls_shows_each_reader_their_own_votes(Db db)
    {
        var anna = await apps[db].RegisterAsync();
        var boris = await apps[db].RegisterAsync();
        var chat = await anna.StartChatAsync(boris);
        for (var i = 0; i < 6; i++)
        {
            var sent = await anna.CreatePollAsync(chat.Id);
            await (await boris.VoteAsync(sent, sent.Poll!.Options[i % 3].Id)).ReadAsync<PollResponse>();
        }

        var history = await boris.HistoryAsync(chat.Id);

        Assert.Equal(6, history.Count(m => m.Poll is { TotalVoters: 1 }));
        Assert.All(history, m => Assert.Single(m.Poll!.MyVotes));
        Assert.All(await anna.HistoryAsync(chat.Id), m => Assert.Empty(m.Poll!.MyVotes));
    }
}

/// <summary>A SignalR client that records PollUpdated events.</summary>
internal sealed class PollHub : IAsyncDisposable
{
    private readonly ConcurrentQueue<JsonElement> _events = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly HubConnection _connection;

    private PollHub(HubConnection connection)
    {
        _connection = connection;
        connection.On("PollUpdated", [typeof(JsonElement)], args =>
        {
            _events.Enqueue((JsonElement)args[0]!);
            _arrived.Release();
            return Task.CompletedTask;
        });
    }

    public static async Task<PollHub> ConnectAsync(WebApplicationFactory<Program> app, string bearerToken)
    {
        var server = app.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri("http://localhost/hub"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var client = server.CreateWebSocketClient();
                    client.ConfigureRequest = request => request.Headers.Authorization = $"Bearer {bearerToken}";
                    return await client.ConnectAsync(context.Uri, cancellationToken);
                };
            })
            .Build();
        var hub = new PollHub(connection);
        await connection.StartAsync();
        await connection.InvokeAsync("Heartbeat");
        return hub;
    }

    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            if (_events.FirstOrDefault(match) is { ValueKind: not JsonValueKind.Undefined } found)
            {
                return found;
            }

            await _arrived.WaitAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _arrived.Dispose();
    }
}
