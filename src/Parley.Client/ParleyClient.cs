using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Parley.Contracts.Accounts;
using Parley.Contracts.Channels;
using Parley.Contracts.Friends;
using Parley.Contracts.Messages;
using Parley.Contracts.Search;
using Parley.Contracts.Servers;
using Parley.Contracts.Users;

namespace Parley.Client;

/// <summary>
/// A typed client for the Parley REST API, signed in with a personal access token (see <see cref="CreateTokenAsync"/>).
/// Every refusal throws <see cref="ParleyApiException"/>; nothing is swallowed. Thread-safe: one instance can serve a
/// whole application. <see cref="CreateRealtime"/> opens the live connection with the same server and token.
/// </summary>
public sealed class ParleyClient : IDisposable
{
    private const string Api = "api/v1/";
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly AuthenticationHeaderValue _authorization;

    /// <summary>A client with an HttpClient of its own.</summary>
    public ParleyClient(Uri baseUri, string token)
        : this(baseUri, token, new HttpClient(), ownsHttp: true)
    {
    }

    /// <summary>A client sending through <paramref name="handler"/> (e.g. a test server's handler).</summary>
    public ParleyClient(Uri baseUri, string token, HttpMessageHandler handler, bool disposeHandler = false)
        : this(baseUri, token, new HttpClient(handler ?? throw new ArgumentNullException(nameof(handler)), disposeHandler), ownsHttp: true)
    {
    }

    /// <summary>A client sending through <paramref name="httpClient"/>, which the caller keeps owning (its BaseAddress is not used).</summary>
    public ParleyClient(Uri baseUri, string token, HttpClient httpClient)
        : this(baseUri, token, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), ownsHttp: false)
    {
    }

    private ParleyClient(Uri baseUri, string token, HttpClient http, bool ownsHttp)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        BaseUri = NormalizeBase(baseUri);
        Token = token;
        _http = http;
        _ownsHttp = ownsHttp;
        _authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>The server's address, ending with a slash.</summary>
    public Uri BaseUri { get; }

    /// <summary>The bearer token this client signs in with.</summary>
    public string Token { get; }

    /// <summary>
    /// Signs in with a username (or email) and password and creates a named personal access token; the secret in the
    /// result is shown only this once. Bearer requests need no antiforgery token.
    /// </summary>
    public static async Task<CreatedTokenResponse> CreateTokenAsync(
        Uri baseUri, string login, string password, string name, HttpMessageHandler? handler = null, CancellationToken cancellationToken = default)
    {
        var normalized = NormalizeBase(baseUri);
        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(normalized, Api + "auth/tokens"))
        {
            Content = JsonContent.Create(new CreateTokenRequest(login, password, name), options: ParleyJson.Options),
        };
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await ReadAsync<CreatedTokenResponse>(response, cancellationToken);
    }

    /// <summary>The live connection (hub at /hub) for this server and token; call StartAsync on it.</summary>
    public ParleyRealtime CreateRealtime(ParleyRealtimeOptions? options = null) => new(BaseUri, Token, options);

    // ---- Me, settings, people ----

    public Task<MeResponse> GetMeAsync(CancellationToken cancellationToken = default) =>
        GetAsync<MeResponse>("users/me", cancellationToken);

    /// <summary>Fields left null stay as they are; an empty string clears a text field.</summary>
    public Task<MeResponse> UpdateMeAsync(UpdateMeRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<UpdateMeRequest, MeResponse>(HttpMethod.Patch, "users/me", request, cancellationToken);

    public Task<SettingsResponse> GetSettingsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<SettingsResponse>("users/me/settings", cancellationToken);

    public Task<SettingsResponse> UpdateSettingsAsync(UpdateSettingsRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<UpdateSettingsRequest, SettingsResponse>(HttpMethod.Patch, "users/me/settings", request, cancellationToken);

    public Task<PublicUser> GetUserAsync(string userId, CancellationToken cancellationToken = default) =>
        GetAsync<PublicUser>("users/" + Segment(userId), cancellationToken);

    /// <summary>People whose username or display name matches <paramref name="query"/>.</summary>
    public Task<IReadOnlyList<PublicUser>> SearchUsersAsync(string query, int? limit = null, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<PublicUser>>("users/search" + Query(("q", query), ("limit", Number(limit))), cancellationToken);

    // ---- Chats ----

    /// <summary>Your direct and group chats, with unread and mention counts.</summary>
    public Task<IReadOnlyList<ChannelResponse>> GetChannelsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<ChannelResponse>>("users/me/channels", cancellationToken);

    public Task<ChannelResponse> GetChannelAsync(string channelId, CancellationToken cancellationToken = default) =>
        GetAsync<ChannelResponse>("channels/" + Segment(channelId), cancellationToken);

    /// <summary>The direct chat with this person: always the same one, created the first time.</summary>
    public Task<ChannelResponse> OpenDirectChatAsync(string userId, CancellationToken cancellationToken = default) =>
        SendAsync<CreateChannelRequest, ChannelResponse>(HttpMethod.Post, "users/me/channels", new CreateChannelRequest([userId], null), cancellationToken);

    /// <summary>A new group chat with these people (you are its owner).</summary>
    public Task<ChannelResponse> CreateGroupAsync(string name, IEnumerable<string> recipientIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipientIds);
        return SendAsync<CreateChannelRequest, ChannelResponse>(
            HttpMethod.Post, "users/me/channels", new CreateChannelRequest([.. recipientIds], name), cancellationToken);
    }

    /// <summary>Marks the channel read up to <paramref name="messageId"/> (usually its latest message).</summary>
    public Task<ReadStateResponse> MarkReadAsync(string channelId, string messageId, CancellationToken cancellationToken = default) =>
        SendAsync<MarkReadRequest, ReadStateResponse>(HttpMethod.Post, $"channels/{Segment(channelId)}/read", new MarkReadRequest(messageId), cancellationToken);

    // ---- Messages ----

    /// <summary>
    /// A page of a channel's history, as the server orders it: the latest messages (no cursor) and
    /// <paramref name="before"/> pages come newest first; <paramref name="after"/> pages come oldest first.
    /// <paramref name="limit"/> is 1 to 100 (the server's default is 50).
    /// </summary>
    public Task<IReadOnlyList<MessageResponse>> GetMessagesAsync(
        string channelId, string? before = null, string? after = null, int? limit = null, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<MessageResponse>>(
            $"channels/{Segment(channelId)}/messages" + Query(("before", before), ("after", after), ("limit", Number(limit))), cancellationToken);

    /// <summary>The whole history of a channel, newest first, fetched a page at a time by cursor as you enumerate.</summary>
    public async IAsyncEnumerable<MessageResponse> GetHistoryAsync(
        string channelId, int pageSize = 100, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 100);
        string? before = null;
        while (true)
        {
            var page = await GetMessagesAsync(channelId, before, null, pageSize, cancellationToken);
            foreach (var message in page)
            {
                yield return message;
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            before = page[^1].Id;
        }
    }

    /// <summary>Sends a text message. A nonce makes retries safe (the same nonce returns the first message); one is made when not given.</summary>
    public Task<MessageResponse> SendMessageAsync(
        string channelId, string content, string? nonce = null, string? replyToId = null, CancellationToken cancellationToken = default) =>
        SendMessageAsync(channelId, new SendMessageRequest(content, nonce, replyToId), cancellationToken);

    /// <summary>Sends any message (text, attachments, a poll, a sticker); a nonce is made when the request has none.</summary>
    public Task<MessageResponse> SendMessageAsync(string channelId, SendMessageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var withNonce = string.IsNullOrEmpty(request.Nonce) ? request with { Nonce = NewNonce() } : request;
        return SendAsync<SendMessageRequest, MessageResponse>(HttpMethod.Post, $"channels/{Segment(channelId)}/messages", withNonce, cancellationToken);
    }

    public Task<MessageResponse> EditMessageAsync(string channelId, string messageId, string content, CancellationToken cancellationToken = default) =>
        SendAsync<EditMessageRequest, MessageResponse>(
            HttpMethod.Patch, $"channels/{Segment(channelId)}/messages/{Segment(messageId)}", new EditMessageRequest(content), cancellationToken);

    public Task DeleteMessageAsync(string channelId, string messageId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"channels/{Segment(channelId)}/messages/{Segment(messageId)}", cancellationToken);

    /// <summary>Reacts with a Unicode emoji or a server emoji (<c>name:id</c>).</summary>
    public Task AddReactionAsync(string channelId, string messageId, string emoji, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"channels/{Segment(channelId)}/messages/{Segment(messageId)}/reactions/{Segment(emoji)}", cancellationToken);

    public Task RemoveReactionAsync(string channelId, string messageId, string emoji, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"channels/{Segment(channelId)}/messages/{Segment(messageId)}/reactions/{Segment(emoji)}", cancellationToken);

    // ---- Friends ----

    public Task<IReadOnlyList<FriendResponse>> GetFriendsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<FriendResponse>>("friends", cancellationToken);

    public Task<FriendRequestsResponse> GetFriendRequestsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<FriendRequestsResponse>("friends/requests", cancellationToken);

    /// <summary>Asks someone, by username, to be your friend; asking someone who asked you accepts their request.</summary>
    public async Task<FriendRequestResult> SendFriendRequestAsync(string username, CancellationToken cancellationToken = default)
    {
        using var response = await SendRawAsync(HttpMethod.Post, "friends/requests", new SendFriendRequest(username), cancellationToken);
        return response.StatusCode == HttpStatusCode.Created
            ? new FriendRequestResult(await ReadAsync<FriendRequestResponse>(response, cancellationToken), null)
            : new FriendRequestResult(null, await ReadAsync<FriendResponse>(response, cancellationToken));
    }

    public Task<FriendResponse> AcceptFriendRequestAsync(string requestId, CancellationToken cancellationToken = default) =>
        SendAsync<object?, FriendResponse>(HttpMethod.Post, $"friends/requests/{Segment(requestId)}/accept", null, cancellationToken);

    /// <summary>Declines a request to you, or cancels one of yours.</summary>
    public Task DeclineFriendRequestAsync(string requestId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"friends/requests/{Segment(requestId)}", cancellationToken);

    public Task RemoveFriendAsync(string userId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"friends/{Segment(userId)}", cancellationToken);

    // ---- Servers ----

    /// <summary>The servers you are a member of.</summary>
    public Task<IReadOnlyList<ServerResponse>> GetServersAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<ServerResponse>>("users/me/servers", cancellationToken);

    public Task<ServerResponse> GetServerAsync(string serverId, CancellationToken cancellationToken = default) =>
        GetAsync<ServerResponse>("servers/" + Segment(serverId), cancellationToken);

    /// <summary>The channels and categories of a server that you can see, with your read state.</summary>
    public Task<IReadOnlyList<ServerChannelResponse>> GetServerChannelsAsync(string serverId, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<ServerChannelResponse>>($"servers/{Segment(serverId)}/channels", cancellationToken);

    // ---- Search ----

    /// <summary>One page of the messages you can read that match; pass the result's NextCursor as the next query's Cursor.</summary>
    public Task<MessageSearchResponse> SearchMessagesAsync(MessageSearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var path = "search/messages" + Query(
            ("q", query.Query),
            ("channelId", query.ChannelId),
            ("serverId", query.ServerId),
            ("authorId", query.AuthorId),
            ("has", query.Has),
            ("mentions", query.Mentions),
            ("pinned", query.Pinned is { } pinned ? (pinned ? "true" : "false") : null),
            ("before", query.Before?.ToString("O", CultureInfo.InvariantCulture)),
            ("after", query.After?.ToString("O", CultureInfo.InvariantCulture)),
            ("limit", Number(query.Limit)),
            ("cursor", query.Cursor),
            ("sort", query.Sort));
        return GetAsync<MessageSearchResponse>(path, cancellationToken);
    }

    /// <summary>Every match, page after page.</summary>
    public async IAsyncEnumerable<MessageSearchHit> SearchAllMessagesAsync(
        MessageSearchQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var next = query;
        while (true)
        {
            var page = await SearchMessagesAsync(next, cancellationToken);
            foreach (var hit in page.Messages)
            {
                yield return hit;
            }

            if (page.NextCursor is null || page.Messages.Count == 0)
            {
                yield break;
            }

            next = next with { Cursor = page.NextCursor };
        }
    }

    // ---- Tokens ----

    public Task<IReadOnlyList<TokenResponse>> GetTokensAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<TokenResponse>>("auth/tokens", cancellationToken);

    /// <summary>Revokes a token (this client's own one too: after that every call gets 401).</summary>
    public Task RevokeTokenAsync(string tokenId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, "auth/tokens/" + Segment(tokenId), cancellationToken);

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    // ---- Plumbing ----

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync<object?>(HttpMethod.Get, path, null, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private async Task<TResponse> SendAsync<TRequest, TResponse>(HttpMethod method, string path, TRequest body, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body, cancellationToken);
        return await ReadAsync<TResponse>(response, cancellationToken);
    }

    private async Task SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync<object?>(method, path, null, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendRawAsync<TRequest>(HttpMethod method, string path, TRequest body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseUri, Api + path));
        request.Headers.Authorization = _authorization;
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: ParleyJson.Options);
        }

        var response = await _http.SendAsync(request, cancellationToken);
        try
        {
            await EnsureSuccessAsync(response, cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<T>(ParleyJson.Options, cancellationToken)
        ?? throw new ParleyApiException(response.StatusCode, "The server sent an empty response", null, null, null);

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string? title = null, detail = null;
        Dictionary<string, IReadOnlyList<string>>? errors = null;
        int? retrySeconds = null;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (body.Length > 0 && body.TrimStart().StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                title = Text(root, "title");
                detail = Text(root, "detail");
                if (root.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
                {
                    errors = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                    foreach (var field in fields.EnumerateObject())
                    {
                        errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                            ? [.. field.Value.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.String ? m.GetString()! : m.ToString())]
                            : [field.Value.ToString()];
                    }
                }

                if (root.TryGetProperty("retryAfterSeconds", out var retry) && retry.TryGetInt32(out var seconds))
                {
                    retrySeconds = seconds;
                }
            }
            catch (JsonException)
            {
                // Not a problem document: the status code alone describes the refusal.
            }
        }

        TimeSpan? retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => TimeSpan.FromTicks(Math.Max(0, (date - TimeProvider.System.GetUtcNow()).Ticks)),
            _ => retrySeconds is { } s ? TimeSpan.FromSeconds(s) : null,
        };
        throw new ParleyApiException(response.StatusCode, title ?? response.ReasonPhrase, detail, errors, retryAfter);

        static string? Text(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    internal static Uri NormalizeBase(Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        if (!baseUri.IsAbsoluteUri)
        {
            throw new ArgumentException("The server address must be absolute, e.g. https://chat.example.org/.", nameof(baseUri));
        }

        var text = baseUri.GetLeftPart(UriPartial.Path);
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }

    private static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return Uri.EscapeDataString(value);
    }

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var query = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (value is null)
            {
                continue;
            }

            query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return query.ToString();
    }

    private static string NewNonce() => Guid.NewGuid().ToString("N");
}
