using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Parley.Contracts.Accounts;
using Parley.Contracts.Users;
using Xunit.Sdk;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>Runs a theory on SQLite and, when PARLEY_TEST_POSTGRES is set, on PostgreSQL as well.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AllDatabasesAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod)
    {
        yield return [Db.Sqlite];
        if (ParleyApp.PostgresServer is not null)
        {
            yield return [Db.Postgres];
        }
    }
}

public static class Names
{
    private static int _counter;

    /// <summary>A username no other test uses: the shared server outlives a single test.</summary>
    public static string Unique(string stem = "user") =>
        $"{stem}_{Interlocked.Increment(ref _counter)}_{Guid.NewGuid().ToString("N")[..6]}";
}

public static class Api
{
    public const string Password = "correct horse battery";

    public static async Task<MeResponse> RegisterAsync(this HttpClient client, string? username = null, string? email = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest(username ?? Names.Unique(), Password, email, null));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MeResponse>())!;
    }

    public static async Task<HttpResponseMessage> LoginAsync(this HttpClient client, string login, string password = Password) =>
        await client.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(login, password));

    public static async Task<string> CreateTokenAsync(this HttpClient client, string login, string name = "cli")
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/tokens", new CreateTokenRequest(login, Password, name));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreatedTokenResponse>())!.Token;
    }

    public static HttpClient WithBearer(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static Task<HttpResponseMessage> PatchAsJsonAsync<T>(this HttpClient client, string url, T body) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(body) });

    public static Task<HttpResponseMessage> PatchRawAsync(this HttpClient client, string url, string json) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, url)
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        });

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    /// <summary>Asserts a ProblemDetails with the status and returns its JSON.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        Assert.False(body.Contains("   at ", StringComparison.Ordinal), "a stack trace leaked");
        return json;
    }

    /// <summary>Asserts a 400 ValidationProblem that names each of the fields.</summary>
    public static async Task AssertFieldErrorsAsync(this HttpResponseMessage response, params string[] fields)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        foreach (var field in fields)
        {
            Assert.True(errors.TryGetProperty(field, out var messages), $"no error for '{field}' in {errors}");
            Assert.True(messages.GetArrayLength() > 0);
        }
    }
}
