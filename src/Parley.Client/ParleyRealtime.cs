using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts.Channels;
using Parley.Contracts.Friends;
using Parley.Contracts.Messages;
using Parley.Contracts.Realtime;
using Parley.Contracts.Users;

namespace Parley.Client;

/// <summary>How <see cref="ParleyRealtime"/> connects; the defaults suit a real server.</summary>
public sealed class ParleyRealtimeOptions
{
    /// <summary>
    /// Opens the WebSocket yourself (a test server's WebSocket client, a proxy...). The URI it is given carries the
    /// token as the <c>access_token</c> query parameter, which the server accepts on the hub.
    /// </summary>
    public Func<WebSocketConnectionContext, CancellationToken, ValueTask<WebSocket>>? WebSocketFactory { get; set; }

    /// <summary>Wraps the handler of the connection's HTTP requests.</summary>
    public Func<HttpMessageHandler, HttpMessageHandler>? HttpMessageHandlerFactory { get; set; }

    /// <summary>When to try reconnecting after the connection drops; by default 0, 2, 5 and 10 s, then every 30 s for good.</summary>
    public IRetryPolicy? RetryPolicy { get; set; }
}

/// <summary>
/// The live connection to the hub at /hub over WebSockets, signed in with a personal access token, reconnecting by
/// itself. Register handlers (<see cref="OnMessageCreated"/> and the rest, one per <see cref="IChatClient"/> event)
/// before <see cref="StartAsync"/>; disposing the returned object removes the handler. A handler runs on the
/// connection's receive loop: keep it short or hand the work off.
/// </summary>
public sealed class ParleyRealtime : IAsyncDisposable
{
    public const string HubPath = "hub";

    public ParleyRealtime(Uri baseUri, string token, ParleyRealtimeOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        options ??= new ParleyRealtimeOptions();
        var hubUri = new Uri(ParleyClient.NormalizeBase(baseUri), HubPath);
        var factory = options.WebSocketFactory;
        if (factory is not null)
        {
            // The default transport sends the token in the Authorization header; a WebSocket opened by someone else
            // gets it in the query string, which the server accepts on the hub.
            hubUri = WithToken(hubUri, token);
        }

        Connection = new HubConnectionBuilder()
            .WithUrl(hubUri, http =>
            {
                // The server accepts WebSockets only, without the negotiate round trip.
                http.Transports = HttpTransportType.WebSockets;
                http.SkipNegotiation = true;
                http.AccessTokenProvider = () => Task.FromResult<string?>(token);
                if (factory is not null)
                {
                    http.WebSocketFactory = factory;
                }

                if (options.HttpMessageHandlerFactory is not null)
                {
                    http.HttpMessageHandlerFactory = options.HttpMessageHandlerFactory;
                }
            })
            .WithAutomaticReconnect(options.RetryPolicy ?? new KeepTrying())
            .Build();
    }

    /// <summary>The underlying SignalR connection (state, Reconnecting/Reconnected/Closed events, raw invocations).</summary>
    public HubConnection Connection { get; }

    public HubConnectionState State => Connection.State;

    /// <summary>
    /// Connects. When this returns, the server has joined the connection to the groups of your channels, so every
    /// event from then on arrives.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await Connection.StartAsync(cancellationToken);
        // The server joins the groups in OnConnectedAsync, which may finish after the handshake; it serves an
        // invocation only after that.
        await HeartbeatAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => Connection.StopAsync(cancellationToken);

    /// <summary>"I am typing in this channel"; ignored for channels you cannot read.</summary>
    public Task TypingAsync(string channelId, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync("Typing", channelId, cancellationToken);

    /// <summary>Starts receiving a channel's events after learning of it (ChannelCreated); false when you cannot read it.</summary>
    public Task<bool> JoinChannelAsync(string channelId, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync<bool>("JoinChannel", channelId, cancellationToken);

    public Task SetPresenceAsync(Presence presence, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync("SetPresence", presence, cancellationToken);

    /// <summary>Keeps the connection counted as active.</summary>
    public Task HeartbeatAsync(CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync("Heartbeat", cancellationToken);

    /// <summary>
    /// Sends a message over the hub, with the same rules and rate limit as REST; a nonce is made when the request has
    /// none. A refusal throws <see cref="HubException"/> whose message says why.
    /// </summary>
    public Task<MessageResponse> SendMessageAsync(string channelId, SendMessageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var withNonce = string.IsNullOrEmpty(request.Nonce) ? request with { Nonce = Guid.NewGuid().ToString("N") } : request;
        return Connection.InvokeAsync<MessageResponse>("SendMessage", channelId, withNonce, cancellationToken);
    }

    /// <summary>A handler for any event by name (see <see cref="IChatClient"/>); dispose the result to remove it.</summary>
    public IDisposable On<T>(string eventName, Func<T, Task> handler) => Connection.On(eventName, handler);

    /// <summary>A message was sent to a channel you can read.</summary>
    public IDisposable OnMessageCreated(Func<MessageResponse, Task> handler) => On(nameof(IChatClient.MessageCreated), handler);

    /// <summary>A message was edited (or its poll, pins or attachments changed).</summary>
    public IDisposable OnMessageUpdated(Func<MessageResponse, Task> handler) => On(nameof(IChatClient.MessageUpdated), handler);

    /// <summary>A message was deleted.</summary>
    public IDisposable OnMessageDeleted(Func<MessageDeletedEvent, Task> handler) => On(nameof(IChatClient.MessageDeleted), handler);

    public IDisposable OnReactionAdded(Func<ReactionEvent, Task> handler) => On(nameof(IChatClient.ReactionAdded), handler);

    public IDisposable OnReactionRemoved(Func<ReactionEvent, Task> handler) => On(nameof(IChatClient.ReactionRemoved), handler);

    public IDisposable OnPinsChanged(Func<ChannelRef, Task> handler) => On(nameof(IChatClient.PinsChanged), handler);

    public IDisposable OnTypingStarted(Func<TypingEvent, Task> handler) => On(nameof(IChatClient.TypingStarted), handler);

    public IDisposable OnPresenceChanged(Func<PresenceEvent, Task> handler) => On(nameof(IChatClient.PresenceChanged), handler);

    /// <summary>Your own read state changed (on another device, for example).</summary>
    public IDisposable OnReadStateChanged(Func<ReadStateResponse, Task> handler) => On(nameof(IChatClient.ReadStateChanged), handler);

    public IDisposable OnReadReceiptUpdated(Func<ReadReceiptEvent, Task> handler) => On(nameof(IChatClient.ReadReceiptUpdated), handler);

    public IDisposable OnChannelCreated(Func<ChannelRef, Task> handler) => On(nameof(IChatClient.ChannelCreated), handler);

    public IDisposable OnChannelUpdated(Func<ChannelRef, Task> handler) => On(nameof(IChatClient.ChannelUpdated), handler);

    public IDisposable OnChannelDeleted(Func<ChannelRef, Task> handler) => On(nameof(IChatClient.ChannelDeleted), handler);

    public IDisposable OnMemberJoined(Func<MemberEvent, Task> handler) => On(nameof(IChatClient.MemberJoined), handler);

    public IDisposable OnMemberLeft(Func<MemberEvent, Task> handler) => On(nameof(IChatClient.MemberLeft), handler);

    public IDisposable OnFriendRequestReceived(Func<FriendRequestResponse, Task> handler) => On(nameof(IChatClient.FriendRequestReceived), handler);

    public IDisposable OnFriendRequestRemoved(Func<FriendRequestRemovedEvent, Task> handler) => On(nameof(IChatClient.FriendRequestRemoved), handler);

    public IDisposable OnFriendAdded(Func<FriendResponse, Task> handler) => On(nameof(IChatClient.FriendAdded), handler);

    public IDisposable OnFriendRemoved(Func<UserRef, Task> handler) => On(nameof(IChatClient.FriendRemoved), handler);

    public IDisposable OnDraftChanged(Func<DraftEvent, Task> handler) => On(nameof(IChatClient.DraftChanged), handler);

    public IDisposable OnServerUpdated(Func<ServerRef, Task> handler) => On(nameof(IChatClient.ServerUpdated), handler);

    public IDisposable OnServerDeleted(Func<ServerRef, Task> handler) => On(nameof(IChatClient.ServerDeleted), handler);

    public IDisposable OnServerMemberJoined(Func<ServerMemberEvent, Task> handler) => On(nameof(IChatClient.ServerMemberJoined), handler);

    public IDisposable OnServerMemberLeft(Func<ServerMemberEvent, Task> handler) => On(nameof(IChatClient.ServerMemberLeft), handler);

    public IDisposable OnServerMemberUpdated(Func<ServerMemberEvent, Task> handler) => On(nameof(IChatClient.ServerMemberUpdated), handler);

    public IDisposable OnPollUpdated(Func<PollUpdatedEvent, Task> handler) => On(nameof(IChatClient.PollUpdated), handler);

    public IDisposable OnEmojiChanged(Func<ServerRef, Task> handler) => On(nameof(IChatClient.EmojiChanged), handler);
    /// <summary>This token or session was revoked; the server closes the connection.</summary>
    public IDisposable OnSessionRevoked(Func<Task> handler) => Connection.On(nameof(IChatClient.SessionRevoked), handler);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private static Uri WithToken(Uri uri, string token)
    {
        var builder = new UriBuilder(uri);
        var parameter = "access_token=" + Uri.EscapeDataString(token);
        builder.Query = string.IsNullOrEmpty(builder.Query) ? parameter : builder.Query.TrimStart('?') + "&" + parameter;
        return builder.Uri;
    }

    /// <summary>Reconnects quickly at first, then every 30 seconds, never giving up.</summary>
    private sealed class KeepTrying : IRetryPolicy
    {
        private static readonly TimeSpan[] First = [TimeSpan.Zero, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)];

        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            retryContext.PreviousRetryCount < First.Length ? First[retryContext.PreviousRetryCount] : TimeSpan.FromSeconds(30);
    }
}
