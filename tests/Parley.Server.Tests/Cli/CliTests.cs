using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Contracts.Accounts;
using Parley.Contracts.Servers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Cli;

public sealed class CliTests(ParleyApps apps) : IClassFixture<ParleyApps>, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "parley-cli-tests", Guid.NewGuid().ToString("N"));

    private ParleyApp App => apps[Db.Sqlite];

    private CliRunner NewCli() => new(App, Path.Combine(_directory, Guid.NewGuid().ToString("N"), "parley", "config.json"));

    private static async Task<Person> RegisterAsync(ParleyApp app, string stem) => await Person.RegisterAsync(app, stem);

    private static async Task<string> SavedAsync(CliRunner cli, string property) =>
        JsonDocument.Parse(await File.ReadAllTextAsync(cli.ConfigPath)).RootElement.GetProperty(property).GetString()!;

    [Fact]
    public async Task Login_with_the_password_on_stdin_saves_a_private_config_with_a_working_token()
    {
        var anna = await RegisterAsync(App, "anna");
        var cli = NewCli();

        var result = await cli.LoginAsync(anna.Me.Username);

        Assert.Contains($"as {anna.Me.Username}", result.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(cli.ConfigPath));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cli.ConfigPath));
        }

        var token = await SavedAsync(cli, "token");
        var bare = App.CreateBareClient().WithBearer(token);
        Assert.Equal(HttpStatusCode.OK, (await bare.GetAsync("/api/v1/users/me")).StatusCode);
        var tokens = await bare.GetFromJsonAsync<List<TokenResponse>>("/api/v1/auth/tokens");
        Assert.Equal("parley-cli on test-box", Assert.Single(tokens!).Name);
    }

    [Fact]
    public async Task Login_with_a_wrong_password_fails_with_one_line_and_saves_nothing()
    {
        var anna = await RegisterAsync(App, "anna");
        var cli = NewCli();

        var result = await cli.RunWithInputAsync("not the password\n", "login", "--server", "http://localhost", "--username", anna.Me.Username, "--password-stdin");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("parley: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("401", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.False(File.Exists(cli.ConfigPath));
    }

    [Fact]
    public async Task Whoami_prints_the_user_as_text_and_as_json()
    {
        var anna = await RegisterAsync(App, "anna");
        var cli = NewCli();
        await cli.LoginAsync(anna.Me.Username);

        var text = await cli.RunAsync("whoami");
        var json = await cli.RunAsync("whoami", "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.StartsWith(anna.Me.Username + " on http://localhost/", text.Output, StringComparison.Ordinal);
        Assert.Equal(anna.Id, JsonDocument.Parse(json.Output).RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Commands_before_login_say_how_to_sign_in()
    {
        var result = await NewCli().RunAsync("chats");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Not signed in", result.Error, StringComparison.Ordinal);
        Assert.Contains("parley login", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_and_read_round_trip_by_username_and_by_id_with_text_from_stdin()
    {
        var anna = await RegisterAsync(App, "anna");
        var boris = await RegisterAsync(App, "boris");
        var cli = NewCli();
        await cli.LoginAsync(anna.Me.Username);

        var first = await cli.RunAsync("send", boris.Me.Username, "hello", "there");
        var chatId = Assert.Single(await anna.ChatsAsync()).Id;
        var second = await cli.RunWithInputAsync("a line\nand another\n", "send", chatId);
        var read = await cli.RunAsync("read", "@" + boris.Me.Username);

        Assert.True((first.ExitCode, second.ExitCode, read.ExitCode) == (0, 0, 0), first.Error + second.Error + read.Error);
        var history = await boris.HistoryAsync(chatId);
        Assert.Equal([second.Output.Trim(), first.Output.Trim()], history.Select(m => m.Id));
        Assert.Equal("a line\nand another", history[0].Content);
        var lines = read.Output.TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^\[\d{4}-\d\d-\d\d \d\d:\d\d\] " + anna.Me.Username + ": hello there$", lines[0]);
        Assert.EndsWith($"{anna.Me.Username}: a line", lines[1], StringComparison.Ordinal);
        Assert.Equal("    and another", lines[2]);
    }

    [Fact]
    public async Task Read_as_json_lists_the_latest_messages_oldest_first()
    {
        var anna = await RegisterAsync(App, "anna");
        var boris = await RegisterAsync(App, "boris");
        var chat = await boris.StartChatAsync(anna);
        for (var i = 0; i < 5; i++)
        {
            await boris.SendAsync(chat.Id, $"number {i}");
        }

        var cli = NewCli();
        await cli.LoginAsync(anna.Me.Username);
        var result = await cli.RunAsync("read", chat.Id, "--limit", "3", "--json");

        Assert.Equal(0, result.ExitCode);
        var contents = JsonDocument.Parse(result.Output).RootElement.EnumerateArray().Select(m => m.GetProperty("content").GetString());
        Assert.Equal(["number 2", "number 3", "number 4"], contents);
    }

    [Fact]
    public async Task Chats_lists_unread_counts_and_server_channels()
    {
        var anna = await RegisterAsync(App, "anna");
        var boris = await RegisterAsync(App, "boris");
        var chat = await boris.StartChatAsync(anna);
        await boris.SendAsync(chat.Id, "one");
        await boris.SendAsync(chat.Id, "two");
        (await anna.Client.PostAsJsonAsync("/api/v1/servers", new CreateServerRequest("Chess club"))).EnsureSuccessStatusCode();
        var cli = NewCli();
        await cli.LoginAsync(anna.Me.Username);

        var text = await cli.RunAsync("chats", "--servers");
        var json = await cli.RunAsync("chats", "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.Matches($@"(?m)^{chat.Id}\s+2\s+@{boris.Me.Username}\s*$", text.Output);
        Assert.Contains("Server: Chess club", text.Output, StringComparison.Ordinal);
        Assert.Contains("#general", text.Output, StringComparison.Ordinal);
        var listed = Assert.Single(JsonDocument.Parse(json.Output).RootElement.GetProperty("chats").EnumerateArray());
        Assert.Equal((chat.Id, 2), (listed.GetProperty("id").GetString(), listed.GetProperty("unreadCount").GetInt32()));
    }

    [Fact]
    public async Task Group_and_server_channel_names_resolve_and_ambiguous_or_unknown_names_fail_clearly()
    {
        var anna = await RegisterAsync(App, "anna");
        var boris = await RegisterAsync(App, "boris");
        var carl = await RegisterAsync(App, "carl");
        var group = await anna.StartGroupAsync("Trip", boris, carl);
        var teamA = await anna.StartGroupAsync("Team", boris, carl);
        var teamB = await anna.StartGroupAsync("Team", carl, boris);
        (await anna.Client.PostAsJsonAsync("/api/v1/servers", new CreateServerRequest("Chess club"))).EnsureSuccessStatusCode();
        var cli = NewCli();
        await cli.LoginAsync(anna.Me.Username);

        var toGroup = await cli.RunAsync("send", "trip", "to the group");
        var toChannel = await cli.RunAsync("send", "#general", "to the server");
        var ambiguous = await cli.RunAsync("send", "Team", "which one?");
        var unknown = await cli.RunAsync("read", "no_such_chat_here");

        Assert.Equal((0, 0), (toGroup.ExitCode, toChannel.ExitCode));
        Assert.Equal("to the group", Assert.Single(await anna.HistoryAsync(group.Id)).Content);
        Assert.Equal(1, ambiguous.ExitCode);
        Assert.Contains("ambiguous", ambiguous.Error, StringComparison.Ordinal);
        Assert.Contains(teamA.Id, ambiguous.Error, StringComparison.Ordinal);
        Assert.Contains(teamB.Id, ambiguous.Error, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No chat matches 'no_such_chat_here'", unknown.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", ambiguous.Error + unknown.Error, StringComparison.Ordinal);
        Assert.Empty(unknown.Output);
    }

    [Fact]
    public async Task A_chat_id_you_are_not_in_is_not_found()
    {
        var anna = await RegisterAsync(App, "anna");
        var boris = await RegisterAsync(App, "boris");
        var chat = await anna.StartChatAsync(boris);
        var carl = await RegisterAsync(App, "carl");
        var cli = NewCli();
        await cli.LoginAsync(carl.Me.Username);

        var read = await cli.RunAsync("read", chat.Id);
        var send = await cli.RunAsync("send", chat.Id, "let me in");

        Assert.Equal((1, 1), (read.ExitCode, send.ExitCode));
        Assert.Contains("not found, or you are not in it", read.Error, StringComparison.Ordinal);
        Assert.Contains("not found, or you are not in it", send.Error, StringComparison.Ordinal);
        Assert.Empty(await anna.HistoryAsync(chat.Id));
    }

    [Fact]
    public async Task Server_refusals_name_the_field()
    {
        var anna = await RegisterAsync(App, "anna");
        var boris = await RegisterAsync(App, "boris");
        var cli = NewCli();
        await cli.LoginAsync(anna.Me.Username);

        var result = await cli.RunAsync("send", boris.Me.Username, new string('x', 4001));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("content:", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Search_finds_messages_in_a_chat_from_a_person_as_text_and_json()
    {
        var anna = await RegisterAsync(App, "anna");
        var boris = await RegisterAsync(App, "boris");
        var chat = await anna.StartChatAsync(boris);
        var word = "walrus" + Guid.NewGuid().ToString("N")[..8];
        var mine = await anna.SendAsync(chat.Id, $"my {word}");
        await boris.SendAsync(chat.Id, $"his {word}");
        var cli = NewCli();
        await cli.LoginAsync(anna.Me.Username);

        var text = await cli.RunAsync("search", word, "--in", boris.Me.Username, "--from", anna.Me.Username);
        var json = await cli.RunAsync("search", word, "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.StartsWith("1 message found", text.Output, StringComparison.Ordinal);
        Assert.Contains($"{mine.Id}  [", text.Output, StringComparison.Ordinal);
        Assert.Contains($"@{boris.Me.Username} {anna.Me.Username}: my {word}", text.Output, StringComparison.Ordinal);
        Assert.Equal(2, JsonDocument.Parse(json.Output).RootElement.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Logout_revokes_the_token_and_deletes_the_config()
    {
        var anna = await RegisterAsync(App, "anna");
        var cli = NewCli();
        await cli.LoginAsync(anna.Me.Username);
        var token = await SavedAsync(cli, "token");

        var result = await cli.RunAsync("logout");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("the token was revoked", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.ConfigPath));
        await (await App.CreateBareClient().WithBearer(token).GetAsync("/api/v1/users/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(1, (await cli.RunAsync("whoami")).ExitCode);
    }

    [Fact]
    public async Task A_revoked_token_makes_commands_fail_with_a_hint_to_sign_in_again()
    {
        var anna = await RegisterAsync(App, "anna");
        var cli = NewCli();
        await cli.LoginAsync(anna.Me.Username);
        var tokenId = await SavedAsync(cli, "tokenId");
        (await anna.Client.DeleteAsync($"/api/v1/auth/tokens/{tokenId}")).EnsureSuccessStatusCode();

        var result = await cli.RunAsync("chats");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("401", result.Error, StringComparison.Ordinal);
        Assert.Contains("parley login", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_prints_a_message_someone_else_sends_until_cancelled()
    {
        var anna = await RegisterAsync(App, "anna");
        var boris = await RegisterAsync(App, "boris");
        var chat = await boris.StartChatAsync(anna);
        var cli = NewCli();
        await cli.LoginAsync(anna.Me.Username);
        using var output = new WatchedWriter();
        using var error = new WatchedWriter();
        using var stop = new CancellationTokenSource();

        var watching = cli.Create(output, error).RunAsync(["watch"], stop.Token);
        await error.WaitForAsync("Watching all your chats");
        await boris.SendAsync(chat.Id, "are you there?");
        await output.WaitForAsync("are you there?");
        await stop.CancelAsync();

        Assert.Equal(0, await watching.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains($"@{boris.Me.Username} {boris.Me.Username}: are you there?", output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_of_one_chat_skips_the_others_and_can_stop_after_a_count()
    {
        var anna = await RegisterAsync(App, "anna");
        var boris = await RegisterAsync(App, "boris");
        var carl = await RegisterAsync(App, "carl");
        var withBoris = await boris.StartChatAsync(anna);
        var withCarl = await carl.StartChatAsync(anna);
        var cli = NewCli();
        await cli.LoginAsync(anna.Me.Username);
        using var output = new WatchedWriter();
        using var error = new WatchedWriter();

        var watching = cli.Create(output, error).RunAsync(["watch", boris.Me.Username, "--count", "1", "--json"], CancellationToken.None);
        await error.WaitForAsync("Watching @" + boris.Me.Username);
        await carl.SendAsync(withCarl.Id, "not for this watch");
        await boris.SendAsync(withBoris.Id, "for this watch");

        Assert.Equal(0, await watching.WaitAsync(TimeSpan.FromSeconds(10)));
        var line = Assert.Single(output.Text.Trim().Split('\n'));
        Assert.Equal("for this watch", JsonDocument.Parse(line).RootElement.GetProperty("content").GetString());
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
