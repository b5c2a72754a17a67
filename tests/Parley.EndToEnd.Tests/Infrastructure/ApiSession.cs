using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Parley.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Someone using the API straight from the test, signed in with a cookie like the web client (for the other people in
/// a scenario whose screens the test does not watch). Writes carry the antiforgery header.
/// </summary>
public sealed class ApiSession : IDisposable
{
    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _http;

    private ApiSession(Uri baseAddress)
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies }) { BaseAddress = baseAddress };
    }

    public string Id { get; private set; } = string.Empty;

    public required TestUser User { get; init; }

    /// <summary>Creates the account and signs in.</summary>
    public static async Task<ApiSession> RegisterAsync(AppFixture app, TestUser user)
    {
        var session = new ApiSession(app.BaseAddress) { User = user };
        using var response = await session._http.PostAsJsonAsync(
            new Uri("/api/v1/auth/register", UriKind.Relative),
            new { username = user.Username, password = user.Password, displayName = user.DisplayName });
        await session.ReadMeAsync(response);
        return session;
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        return await ReadAsync(response, path);
    }

    public async Task<JsonElement> PostAsync(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        return await SendAsync(request, path);
    }

    public async Task<JsonElement> PutAsync(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        return await SendAsync(request, path);
    }

    /// <summary>Opens (or finds) the direct chat with <paramref name="other"/> and returns its id.</summary>
    public async Task<string> DirectChatWithAsync(ApiSession other) => await DirectChatWithAsync(other.Id);

    public async Task<string> DirectChatWithAsync(string userId)
    {
        var channel = await PostAsync("/api/v1/users/me/channels", new { recipientIds = new[] { userId }, name = (string?)null });
        return channel.GetProperty("id").GetString()!;
    }

    public async Task<string> GroupAsync(string name, params string[] userIds)
    {
        var channel = await PostAsync("/api/v1/users/me/channels", new { recipientIds = userIds, name });
        return channel.GetProperty("id").GetString()!;
    }

    public Task<JsonElement> SendMessageAsync(string channelId, string content) =>
        PostAsync($"/api/v1/channels/{channelId}/messages", new { content, nonce = (string?)null, replyToId = (string?)null });

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> SendAsync(HttpRequestMessage request, string path)
    {
        var token = _cookies.GetCookies(_http.BaseAddress!)["XSRF-TOKEN"]?.Value;
        if (token is not null)
        {
            request.Headers.Add("X-XSRF-TOKEN", Uri.UnescapeDataString(token));
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await _http.SendAsync(request);
        return await ReadAsync(response, path);
    }

    private async Task ReadMeAsync(HttpResponseMessage response)
    {
        var me = await ReadAsync(response, "register");
        Id = me.GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {text}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
