using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Threading.Channels;

// The baseline: bare Kestrel WebSockets, no hub protocol, no authentication, no database. POST /broadcast sends its
// body to every socket open on /ws, through one bounded queue per socket (as SignalR does), so a slow reader does not
// hold up the others. Whatever this does per second is the limit of the stack on this machine.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15) });
var sockets = new ConcurrentDictionary<long, Subscriber>();
long nextId = 0;

app.MapGet("/health", () => Results.Text("ok"));
app.MapGet("/stats", () => Results.Text(sockets.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));

app.Map("/ws", async context =>
{
    if (!context.WebSockets.IsWebSocketRequest)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return;
    }

    using var socket = await context.WebSockets.AcceptWebSocketAsync();
    var subscriber = new Subscriber(socket);
    var id = Interlocked.Increment(ref nextId);
    sockets[id] = subscriber;
    var writer = subscriber.PumpAsync();
    try
    {
        var buffer = new byte[1024];
        while (socket.State == WebSocketState.Open)
        {
            var read = await socket.ReceiveAsync(buffer, context.RequestAborted);
            if (read.MessageType == WebSocketMessageType.Close)
            {
                break;
            }
        }
    }
    catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
    {
        // The client went away.
    }
    finally
    {
        sockets.TryRemove(id, out _);
        subscriber.Complete();
    }

    await writer;
});

app.MapPost("/broadcast", async (HttpRequest request) =>
{
    using var body = new MemoryStream();
    await request.Body.CopyToAsync(body);
    var payload = new ReadOnlyMemory<byte>(body.ToArray());
    foreach (var subscriber in sockets.Values)
    {
        subscriber.Enqueue(payload);
    }

    return Results.Accepted();
});

await app.RunAsync();

internal sealed class Subscriber(WebSocket socket)
{
    private readonly Channel<ReadOnlyMemory<byte>> _queue = Channel.CreateBounded<ReadOnlyMemory<byte>>(
        new BoundedChannelOptions(4096) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    public void Enqueue(ReadOnlyMemory<byte> payload) => _queue.Writer.TryWrite(payload);

    public void Complete() => _queue.Writer.TryComplete();

    public async Task PumpAsync()
    {
        try
        {
            await foreach (var payload in _queue.Reader.ReadAllAsync())
            {
                await socket.SendAsync(payload, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or IOException)
        {
            // The client went away.
        }
    }
}
