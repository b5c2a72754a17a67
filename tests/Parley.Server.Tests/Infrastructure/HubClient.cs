using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>A real SignalR client over WebSockets to the in-memory server, recording every event it receives.</summary>
public sealed class HubClient : IAsyncDisposable
{
    private static readonly string[] EventNames =
    [
        "MessageCreated", "MessageUpdated", "MessageDeleted", "ReactionAdded", "ReactionRemoved", "PinsChanged",
        "TypingStarted", "PresenceChanged", "ReadStateChanged", "ReadReceiptUpdated", "ChannelCreated", "ChannelUpdated",
        "ChannelDeleted", "MemberJoined", "MemberLeft", "FriendRequestReceived", "FriendRequestRemoved", "FriendAdded",
        "FriendRemoved", "DraftChanged", "ServerUpdated", "ServerDeleted", "ServerMemberJoined",
        "ServerMemberLeft", "ServerMemberUpdated", "PollUpdated", "EmojiChanged",
    ];

    private static readonly string[] PayloadlessEventNames = ["SessionRevoked"];

    private readonly ConcurrentQueue<(string Name, JsonElement Payload)> _events = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private HubClient(HubConnection connection)
    {
        Connection = connection;
        foreach (var name in EventNames)
        {
            connection.On(name, [typeof(JsonElement)], args =>
            {
                _events.Enqueue((name, (JsonElement)args[0]!));
                _arrived.Release();
                return Task.CompletedTask;
            });
        }

        // Events without a payload (IChatClient methods with no arguments) are recorded with an empty payload.
        foreach (var name in PayloadlessEventNames)
        {
            connection.On(name, Type.EmptyTypes, _ =>
            {
                _events.Enqueue((name, default));
                _arrived.Release();
                return Task.CompletedTask;
            });
        }
    }

    public HubConnection Connection { get; }

    public static async Task<HubClient> ConnectAsync(ParleyApp app, string bearerToken, string? origin = null)
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
                    client.ConfigureRequest = request =>
                    {
                        request.Headers.Authorization = $"Bearer {bearerToken}";
                        if (origin is not null)
                        {
                            request.Headers.Origin = origin;
                        }
                    };
                    return await client.ConnectAsync(context.Uri, cancellationToken);
                };
            })
            .Build();
        var hub = new HubClient(connection);
        await connection.StartAsync();
        // The server joins the connection to its groups in OnConnectedAsync, which can finish after the handshake;
        // an invocation is only served after it, so once this returns the connection receives every event.
        await connection.InvokeAsync("Heartbeat");
        return hub;
    }

    /// <summary>Waits for the next event of that name matching the filter; earlier non-matching ones stay recorded.</summary>
    public async Task<JsonElement> WaitForAsync(string name, Func<JsonElement, bool>? match = null, int timeoutSeconds = 10)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(timeoutSeconds);
        while (true)
        {
            if (_events.FirstOrDefault(e => e.Name == name && (match?.Invoke(e.Payload) ?? true)) is { Name: not null } found)
            {
                return found.Payload;
            }

            var left = deadline - TimeProvider.System.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No {name} event within {timeoutSeconds} s; got: {string.Join(", ", _events.Select(e => e.Name))}");
            }

            await _arrived.WaitAsync(left);
        }
    }

    public IReadOnlyList<JsonElement> All(string name) => _events.Where(e => e.Name == name).Select(e => e.Payload).ToList();

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        _arrived.Dispose();
    }
}

public static class JsonExtensions
{
    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;
}
