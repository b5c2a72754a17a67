using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR;
using Parley.Client;
using Parley.Contracts.Channels;
using Parley.Contracts.Messages;
using Parley.Contracts.Servers;

namespace Parley.Cli;

/// <summary>
/// The <c>parley</c> command line, runnable in-process: arguments in, text out and an exit code back (0 success, 1
/// failure, 130 interrupted). Every failure is one line on the error writer, from the server's problem when there is
/// one; never a stack trace.
/// </summary>
internal sealed class CliApp(TextWriter output, TextWriter error, TextReader input, string configPath)
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Interrupted = 130;
    private const int DefaultReadLimit = 20;
    private const int MaxTokenName = 64;

    /// <summary>Makes the handler each HTTP client sends through (a test server's, a proxy's); null for the default.</summary>
    public Func<HttpMessageHandler>? HttpHandlerFactory { get; init; }

    /// <summary>Opens the hub's WebSocket for <c>watch</c>; null for the default.</summary>
    public Func<WebSocketConnectionContext, CancellationToken, ValueTask<WebSocket>>? WebSocketFactory { get; init; }

    /// <summary>Asks for the password without echo; returns null when there is no terminal.</summary>
    public Func<string, string?>? PasswordPrompt { get; init; }

    /// <summary>Times are shown in this zone.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Local;

    public string MachineName { get; init; } = Environment.MachineName;

    public static string DefaultConfigPath() => CliConfig.DefaultPath();

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        // No response files: "@boris" names a person, not a file of arguments.
        var parsed = BuildCommands().Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        return await parsed.InvokeAsync(
            new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null },
            cancellationToken);
    }

    private RootCommand BuildCommands()
    {
        var root = new RootCommand("parley: the Parley command-line client. Sign in once with 'parley login', then read, send and watch your chats.");
        root.Subcommands.Add(LoginCommand());
        root.Subcommands.Add(LogoutCommand());
        root.Subcommands.Add(WhoamiCommand());
        root.Subcommands.Add(ChatsCommand());
        root.Subcommands.Add(ReadCommand());
        root.Subcommands.Add(SendCommand());
        root.Subcommands.Add(WatchCommand());
        root.Subcommands.Add(SearchCommand());
        return root;
    }

    private static Option<bool> JsonOption() => new("--json") { Description = "Print JSON for scripts instead of text." };

    private static Argument<string> ChatArgument() => new("chat")
    {
        Description = "A channel id, a username (the direct chat with them), a group name, or a server channel (#name or server/name).",
    };

    // ---- login / logout / whoami ----

    private Command LoginCommand()
    {
        var server = new Option<string>("--server", "-s") { Description = "The server's address, e.g. https://chat.example.org", Required = true };
        var username = new Option<string>("--username", "-u") { Description = "Your username (or email).", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input." };
        var tokenName = new Option<string?>("--token-name") { Description = "The token's name (default: \"parley-cli on <machine>\")." };
        var command = new Command("login", "Sign in: creates a personal access token and saves it with the server's address.")
        {
            server, username, passwordStdin, tokenName,
        };
        command.SetAction((result, cancellationToken) => GuardAsync(token => LoginAsync(
            result.GetValue(server)!, result.GetValue(username)!, result.GetValue(passwordStdin), result.GetValue(tokenName), token), cancellationToken));
        return command;
    }

    private async Task<int> LoginAsync(string serverText, string username, bool passwordFromStdin, string? tokenName, CancellationToken cancellationToken)
    {
        var server = ParseServer(serverText);
        string? password;
        if (passwordFromStdin)
        {
            password = (await input.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n');
            if (string.IsNullOrEmpty(password))
            {
                throw new CliException("--password-stdin: there is no password on standard input.");
            }
        }
        else
        {
            password = PasswordPrompt?.Invoke($"Password for {username} on {server.Authority}: ")
                ?? throw new CliException("There is no terminal to type the password in: pass it on standard input with --password-stdin.");
        }

        var name = tokenName ?? $"parley-cli on {MachineName}";
        if (name.Length > MaxTokenName)
        {
            name = name[..MaxTokenName];
        }

        using var handler = HttpHandlerFactory?.Invoke();
        var created = await ParleyClient.CreateTokenAsync(server, username, password, name, handler, cancellationToken);
        using var client = CreateClient(server, created.Token);
        var me = await client.GetMeAsync(cancellationToken);
        await new CliConfig(client.BaseUri.ToString(), created.Token, created.Id, me.Username).SaveAsync(configPath, cancellationToken);
        await output.WriteLineAsync($"Signed in to {client.BaseUri} as {me.Username}; token \"{name}\" saved in {configPath}.");
        return Success;
    }

    private Command LogoutCommand()
    {
        var command = new Command("logout", "Sign out: revokes the saved token and deletes the config file.");
        command.SetAction((_, cancellationToken) => GuardAsync(LogoutAsync, cancellationToken));
        return command;
    }

    private async Task<int> LogoutAsync(CancellationToken cancellationToken)
    {
        var config = await CliConfig.LoadAsync(configPath, cancellationToken);
        if (config is null)
        {
            await output.WriteLineAsync("Not signed in.");
            return Success;
        }

        var note = "the token was revoked";
        if (config.TokenId is null)
        {
            note = "the token could not be revoked (its id is unknown): revoke it in the web client's settings";
        }
        else
        {
            using var client = CreateClient(ParseServer(config.Server), config.Token);
            try
            {
                await client.RevokeTokenAsync(config.TokenId, cancellationToken);
            }
            catch (ParleyApiException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound)
            {
                note = "the token had already been revoked";
            }
        }

        File.Delete(configPath);
        await output.WriteLineAsync($"Signed out of {config.Server}; {note}.");
        return Success;
    }

    private Command WhoamiCommand()
    {
        var json = JsonOption();
        var command = new Command("whoami", "Who you are signed in as, and where.") { json };
        command.SetAction((result, cancellationToken) => GuardAsync(async token =>
        {
            var (config, client) = await SignedInAsync(token);
            using (client)
            {
                var me = await client.GetMeAsync(token);
                if (result.GetValue(json))
                {
                    await WriteJsonAsync(me);
                }
                else
                {
                    var display = string.IsNullOrWhiteSpace(me.DisplayName) ? "" : $" ({me.DisplayName})";
                    await output.WriteLineAsync($"{me.Username}{display} on {config.Server}, user id {me.Id}");
                }

                return Success;
            }
        }, cancellationToken));
        return command;
    }

    // ---- chats ----

    private Command ChatsCommand()
    {
        var servers = new Option<bool>("--servers") { Description = "Also list the text channels of your servers." };
        var json = JsonOption();
        var command = new Command("chats", "Your direct and group chats with their unread counts (newest first).") { servers, json };
        command.SetAction((result, cancellationToken) => GuardAsync(
            token => ChatsAsync(result.GetValue(servers), result.GetValue(json), token), cancellationToken));
        return command;
    }

    private async Task<int> ChatsAsync(bool withServers, bool json, CancellationToken cancellationToken)
    {
        var (_, client) = await SignedInAsync(cancellationToken);
        using (client)
        {
            var me = await client.GetMeAsync(cancellationToken);
            var chats = await client.GetChannelsAsync(cancellationToken);
            List<ServerChannels>? servers = null;
            if (withServers)
            {
                servers = [];
                foreach (var server in await client.GetServersAsync(cancellationToken))
                {
                    servers.Add(new ServerChannels(server, await client.GetServerChannelsAsync(server.Id, cancellationToken)));
                }
            }

            if (json)
            {
                await WriteJsonAsync(new ChatsOutput(chats, servers));
                return Success;
            }

            await output.WriteLineAsync(Row("ID", "UNREAD", "CHAT"));
            foreach (var chat in chats)
            {
                var label = ChatResolver.Describe(chat, me.Id) + (chat.Type == ChannelType.Group ? " (group)" : "") + (chat.Muted ? " (muted)" : "");
                await output.WriteLineAsync(Row(chat.Id, Unread(chat.UnreadCount, chat.MentionCount), label));
            }

            if (chats.Count == 0)
            {
                await output.WriteLineAsync("(no chats yet)");
            }

            foreach (var (server, channels) in servers ?? [])
            {
                await output.WriteLineAsync();
                await output.WriteLineAsync($"Server: {server.Name}");
                var categories = channels.Where(c => c.Type == ChannelType.Category).ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal);
                foreach (var channel in channels.Where(c => c.Type == ChannelType.Text)
                    .OrderBy(c => channels.FirstOrDefault(p => p.Id == c.ParentId)?.Position ?? -1)
                    .ThenBy(c => c.Position))
                {
                    var category = channel.ParentId is { } parent && categories.TryGetValue(parent, out var categoryName) ? $" ({categoryName})" : "";
                    await output.WriteLineAsync(Row(channel.Id, Unread(channel.UnreadCount, channel.MentionCount), $"#{channel.Name}{category}"));
                }
            }

            return Success;
        }
    }

    private static string Row(string id, string unread, string chat) => $"{id,-20} {unread,-8} {chat}";

    private static string Unread(int unread, int mentions) =>
        mentions > 0 ? string.Create(CultureInfo.InvariantCulture, $"{unread} @{mentions}") : unread.ToString(CultureInfo.InvariantCulture);

    // ---- read / send ----

    private Command ReadCommand()
    {
        var chat = ChatArgument();
        var limit = new Option<int>("--limit", "-n") { Description = "How many of the latest messages (default 20).", DefaultValueFactory = _ => DefaultReadLimit };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 1000)
            {
                r.AddError("--limit must be between 1 and 1000.");
            }
        });
        var json = JsonOption();
        var command = new Command("read", "Show a chat's latest messages, oldest first, with author and local time.") { chat, limit, json };
        command.SetAction((result, cancellationToken) => GuardAsync(
            token => ReadAsync(result.GetValue(chat)!, result.GetValue(limit), result.GetValue(json), token), cancellationToken));
        return command;
    }

    private async Task<int> ReadAsync(string chatText, int limit, bool json, CancellationToken cancellationToken)
    {
        var (_, client) = await SignedInAsync(cancellationToken);
        using (client)
        {
            var me = await client.GetMeAsync(cancellationToken);
            var chat = await new ChatResolver(client, me.Id).ResolveAsync(chatText, openDirect: false, cancellationToken);
            var messages = new List<MessageResponse>(limit);
            try
            {
                await foreach (var message in client.GetHistoryAsync(chat.Id, Math.Min(limit, 100), cancellationToken))
                {
                    messages.Add(message);
                    if (messages.Count == limit)
                    {
                        break;
                    }
                }
            }
            catch (ParleyApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                throw NotFound(chat);
            }

            messages.Reverse();
            if (json)
            {
                await WriteJsonAsync(messages);
                return Success;
            }

            foreach (var message in messages)
            {
                await output.WriteLineAsync(FormatMessage(message, null));
            }

            if (messages.Count == 0)
            {
                await output.WriteLineAsync($"(no messages in {chat.Label})");
            }

            return Success;
        }
    }

    private Command SendCommand()
    {
        var chat = ChatArgument();
        var text = new Argument<string[]>("text")
        {
            Description = "The message; read from standard input when left out.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var replyTo = new Option<string?>("--reply-to") { Description = "The id of the message to reply to." };
        var json = JsonOption();
        var command = new Command("send", "Send a message to a chat and print its id.") { chat, text, replyTo, json };
        command.SetAction((result, cancellationToken) => GuardAsync(
            token => SendAsync(result.GetValue(chat)!, result.GetValue(text) ?? [], result.GetValue(replyTo), result.GetValue(json), token),
            cancellationToken));
        return command;
    }

    private async Task<int> SendAsync(string chatText, string[] words, string? replyTo, bool json, CancellationToken cancellationToken)
    {
        var content = words.Length > 0 ? string.Join(' ', words) : (await input.ReadToEndAsync(cancellationToken)).TrimEnd('\r', '\n');
        if (string.IsNullOrWhiteSpace(content))
        {
            throw new CliException("Nothing to send: give the text as arguments or on standard input.");
        }

        var (_, client) = await SignedInAsync(cancellationToken);
        using (client)
        {
            var me = await client.GetMeAsync(cancellationToken);
            var chat = await new ChatResolver(client, me.Id).ResolveAsync(chatText, openDirect: true, cancellationToken);
            MessageResponse sent;
            try
            {
                sent = await client.SendMessageAsync(chat.Id, content, null, replyTo, cancellationToken);
            }
            catch (ParleyApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                throw NotFound(chat);
            }
            if (json)
            {
                await WriteJsonAsync(sent);
            }
            else
            {
                await output.WriteLineAsync(sent.Id);
            }

            return Success;
        }
    }

    // ---- watch ----

    private Command WatchCommand()
    {
        var chat = new Argument<string?>("chat")
        {
            Description = "Only this chat (id, username, group or channel name); every chat when left out.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var count = new Option<int?>("--count") { Description = "Stop after this many messages." };
        var json = new Option<bool>("--json") { Description = "Print each message as one line of JSON." };
        var command = new Command("watch", "Print new messages as they arrive, until Ctrl+C.") { chat, count, json };
        command.SetAction((result, cancellationToken) => GuardAsync(
            token => WatchAsync(result.GetValue(chat), result.GetValue(count), result.GetValue(json), token), cancellationToken));
        return command;
    }

    private async Task<int> WatchAsync(string? chatText, int? count, bool json, CancellationToken cancellationToken)
    {
        var (config, client) = await SignedInAsync(cancellationToken);
        using (client)
        {
            var me = await client.GetMeAsync(cancellationToken);
            var resolver = new ChatResolver(client, me.Id);
            var only = chatText is null ? null : await resolver.ResolveAsync(chatText, openDirect: false, cancellationToken);
            var labels = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(
                (await resolver.KnownAsync(cancellationToken)).Select(k => KeyValuePair.Create(k.Id, k.Label)), StringComparer.Ordinal);
            var seen = 0;
            var finished = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var realtime = client.CreateRealtime(new ParleyRealtimeOptions { WebSocketFactory = WebSocketFactory });
            using var created = realtime.OnMessageCreated(async message =>
            {
                if ((only is not null && message.ChannelId != only.Id) || finished.Task.IsCompleted)
                {
                    return;
                }

                if (json)
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(message, ParleyJson.Options));
                }
                else
                {
                    await output.WriteLineAsync(FormatMessage(message, only is null ? labels.GetValueOrDefault(message.ChannelId) ?? message.ChannelId : null));
                }

                await output.FlushAsync(CancellationToken.None);
                if (count is { } limit && ++seen >= limit)
                {
                    finished.TrySetResult(Success);
                }
            });
            using var channelCreated = realtime.OnChannelCreated(channel =>
            {
                // A new chat: start receiving it and learn its name. Not awaited here: a handler that waited for an
                // invocation would hold up the loop that receives the invocation's result.
                _ = FollowAsync(channel.ChannelId);
                return Task.CompletedTask;
            });

            async Task FollowAsync(string channelId)
            {
                try
                {
                    if (await realtime.JoinChannelAsync(channelId, CancellationToken.None))
                    {
                        var chat = await client.GetChannelAsync(channelId, CancellationToken.None);
                        labels[chat.Id] = ChatResolver.Describe(chat, me.Id);
                    }
                }
                catch (Exception e) when (e is ParleyApiException or HubException or HttpRequestException or InvalidOperationException)
                {
                    // A server channel (its id stands for its name), or the connection went away meanwhile.
                }
            }

            using var revoked = realtime.OnSessionRevoked(() =>
            {
                finished.TrySetException(new CliException("The token was revoked; sign in again with 'parley login'."));
                return Task.CompletedTask;
            });
            realtime.Connection.Reconnecting += _ => error.WriteLineAsync("parley: connection lost; reconnecting...");
            realtime.Connection.Reconnected += _ => error.WriteLineAsync("parley: reconnected.");
            realtime.Connection.Closed += problem =>
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return Task.CompletedTask;
                }

                finished.TrySetException(new CliException("The connection closed" + (problem is null ? "." : $": {problem.Message}")));
                return Task.CompletedTask;
            };

            await realtime.StartAsync(cancellationToken);
            await error.WriteLineAsync($"Watching {only?.Label ?? "all your chats"} on {config.Server}; press Ctrl+C to stop.");
            await error.FlushAsync(cancellationToken);
            try
            {
                return await finished.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Success;
            }
        }
    }

    // ---- search ----

    private Command SearchCommand()
    {
        var query = new Argument<string[]>("query")
        {
            Description = "Words to find; filters such as from:anna has:image in the text work too.",
            Arity = ArgumentArity.OneOrMore,
        };
        var inChat = new Option<string?>("--in") { Description = "Only this chat (id, username, group or channel name)." };
        var from = new Option<string?>("--from") { Description = "Only messages by this person (username or id)." };
        var limit = new Option<int>("--limit", "-n") { Description = "How many results (1 to 100, default 25).", DefaultValueFactory = _ => 25 };
        var json = JsonOption();
        var command = new Command("search", "Search the messages you can read, newest first.") { query, inChat, from, limit, json };
        command.SetAction((result, cancellationToken) => GuardAsync(
            token => SearchAsync(
                string.Join(' ', result.GetValue(query) ?? []), result.GetValue(inChat), result.GetValue(from), result.GetValue(limit), result.GetValue(json), token),
            cancellationToken));
        return command;
    }

    private async Task<int> SearchAsync(string text, string? inChat, string? from, int limit, bool json, CancellationToken cancellationToken)
    {
        var (_, client) = await SignedInAsync(cancellationToken);
        using (client)
        {
            var me = await client.GetMeAsync(cancellationToken);
            var resolver = new ChatResolver(client, me.Id);
            var chat = inChat is null ? null : await resolver.ResolveAsync(inChat, openDirect: false, cancellationToken);
            var found = await client.SearchMessagesAsync(
                new MessageSearchQuery(text) { ChannelId = chat?.Id, AuthorId = from?.TrimStart('@'), Limit = limit }, cancellationToken);
            if (json)
            {
                await WriteJsonAsync(found);
                return Success;
            }

            var labels = (await resolver.KnownAsync(cancellationToken)).ToDictionary(k => k.Id, k => k.Label, StringComparer.Ordinal);
            var total = found.TotalIsLowerBound
                ? string.Create(CultureInfo.InvariantCulture, $"{found.TotalCount}+")
                : found.TotalCount.ToString(CultureInfo.InvariantCulture);
            await output.WriteLineAsync(found.TotalCount == 1 ? "1 message found" : $"{total} messages found");
            foreach (var hit in found.Messages)
            {
                var message = hit.Message;
                var where = labels.GetValueOrDefault(message.ChannelId) ?? message.ChannelId;
                await output.WriteLineAsync($"{message.Id}  [{LocalTime(message.CreatedAt)}] {where} {message.Author.Username}: {OneLine(hit.Snippet)}");
            }

            return Success;
        }
    }

    // ---- shared ----

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "The command line reports every failure as one line, never a stack trace.")]
    private async Task<int> GuardAsync(Func<CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await action(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("parley: interrupted.");
            return Interrupted;
        }
        catch (CliException e)
        {
            return await FailAsync(e.Message);
        }
        catch (ParleyApiException e) when (e.StatusCode == HttpStatusCode.Unauthorized)
        {
            return await FailAsync($"{e.Message}. Sign in again with 'parley login'.");
        }
        catch (ParleyApiException e)
        {
            return await FailAsync(e.Message);
        }
        catch (HubException e)
        {
            return await FailAsync(e.Message);
        }
        catch (HttpRequestException e)
        {
            return await FailAsync($"Cannot reach the server: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return await FailAsync($"Cannot use the config file {configPath}: {e.Message}");
        }
        catch (Exception e)
        {
            return await FailAsync($"{e.GetType().Name}: {e.Message}");
        }
    }

    private async Task<int> FailAsync(string message)
    {
        await error.WriteLineAsync("parley: " + OneLine(message));
        return Failure;
    }

    private async Task<(CliConfig Config, ParleyClient Client)> SignedInAsync(CancellationToken cancellationToken)
    {
        var config = await CliConfig.LoadAsync(configPath, cancellationToken)
            ?? throw new CliException("Not signed in: run 'parley login --server URL --username NAME' first.");
        return (config, CreateClient(ParseServer(config.Server), config.Token));
    }

    private ParleyClient CreateClient(Uri server, string token) =>
        HttpHandlerFactory is { } factory ? new ParleyClient(server, token, factory(), disposeHandler: true) : new ParleyClient(server, token);

    private static Uri ParseServer(string text)
    {
        var value = text.Trim();
        if (!value.Contains("://", StringComparison.Ordinal))
        {
            value = "https://" + value;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException($"--server: '{text}' is not a server address such as https://chat.example.org.");
        }

        return uri;
    }

    private Task WriteJsonAsync<T>(T value) => output.WriteLineAsync(JsonSerializer.Serialize(value, ParleyJson.Indented));

    private string LocalTime(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"[time] (chat) author: text", with what else the message carries; continuation lines indented.</summary>
    private string FormatMessage(MessageResponse message, string? chatLabel)
    {
        var line = new StringBuilder();
        line.Append('[').Append(LocalTime(message.CreatedAt)).Append("] ");
        if (chatLabel is not null)
        {
            line.Append(chatLabel).Append(' ');
        }

        line.Append(message.Author.Username).Append(':');
        if (message.ReplyTo is { } reply)
        {
            line.Append(" (reply to ").Append(reply.Deleted ? "a deleted message" : reply.Author?.Username ?? "a message").Append(')');
        }

        if (message.Content.Length > 0)
        {
            line.Append(' ').Append(message.Content.ReplaceLineEndings("\n    "));
        }

        foreach (var attachment in message.Attachments)
        {
            line.Append(" [file: ").Append(attachment.FileName).Append(']');
        }

        if (message.Poll is { } poll)
        {
            line.Append(" [poll: ").Append(poll.Question).Append(']');
        }

        if (message.Sticker is { } sticker)
        {
            line.Append(" [sticker: ").Append(sticker.Name).Append(']');
        }

        if (message.EditedAt is not null)
        {
            line.Append(" (edited)");
        }

        return line.ToString();
    }

    private static CliException NotFound(ChatTarget chat) =>
        new($"Chat {chat.Label} was not found, or you are not in it (HTTP 404).");

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private sealed record ServerChannels(ServerResponse Server, IReadOnlyList<ServerChannelResponse> Channels);

    private sealed record ChatsOutput(IReadOnlyList<ChannelResponse> Chats, IReadOnlyList<ServerChannels>? Servers);
}
