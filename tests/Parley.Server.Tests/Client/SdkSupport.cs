using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Client;

/// <summary>SDK clients against the in-memory server: REST through its handler, the hub through its WebSocket client.</summary>
public static class SdkSupport
{
    public static readonly Uri BaseUri = new("http://localhost/");

    public static async Task<string> CreateTokenAsync(ParleyApp app, string username, string name = "sdk test") =>
        (await ParleyClient.CreateTokenAsync(BaseUri, username, Api.Password, name, app.Server.CreateHandler())).Token;

    public static ParleyClient Client(ParleyApp app, string token) => new(BaseUri, token, app.Server.CreateHandler(), disposeHandler: true);

    /// <summary>A registered person with an SDK client signed in with a fresh token.</summary>
    public static async Task<(Person Person, ParleyClient Client)> SignedInAsync(ParleyApp app, string stem = "sdk")
    {
        var person = await Person.RegisterAsync(app, stem);
        return (person, Client(app, await CreateTokenAsync(app, person.Me.Username)));
    }

    public static ParleyRealtimeOptions RealtimeOptions(ParleyApp app)
    {
        var server = app.Server;
        return new ParleyRealtimeOptions
        {
            WebSocketFactory = async (context, cancellationToken) => await server.CreateWebSocketClient().ConnectAsync(context.Uri, cancellationToken),
        };
    }
}
