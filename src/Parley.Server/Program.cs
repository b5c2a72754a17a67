using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using Parley.Data;
using Parley.Server.Data;
using Parley.Server.Features.Accounts;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Emoji;
using Parley.Server.Features.Files;
using Parley.Server.Features.Friends;
using Parley.Server.Features.Messages;
using Parley.Server.Features.Polls;
using Parley.Server.Features.Search;
using Parley.Server.Features.Servers;
using Parley.Server.Features.Users;
using Parley.Server.Infrastructure;
using Parley.Server.Infrastructure.Storage;
using Parley.Server.Realtime;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

// The build runs this program to write openapi/v1.json; then it must not touch a database or start background work.
var generatingOpenApiDocument = System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";
var parley = builder.Configuration.GetSection(ParleyOptions.Section).Get<ParleyOptions>() ?? new ParleyOptions();
builder.Services.Configure<ParleyOptions>(builder.Configuration.GetSection(ParleyOptions.Section));

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(services => new IdGenerator(
    services.GetRequiredService<TimeProvider>(),
    parley.NodeId ?? Random.Shared.Next(0, IdGenerator.MaxNodeId + 1)));
builder.Services.AddParleyDatabase(parley);
builder.Services.AddParleyAuth(
    parley,
    builder.Environment.IsEnvironment("Testing") ? builder.Configuration.GetValue<int?>("Parley:Testing:PasswordIterations") : null);
var dataProtection = builder.Services.AddDataProtection().SetApplicationName("Parley");
if (!generatingOpenApiDocument)
{
    dataProtection.PersistKeysToDbContext<ParleyDbContext>();
}
builder.Services.AddScoped<Credentials>();
builder.Services.AddSingleton<ConnectionRegistry>();
builder.Services.AddSingleton<ParleyMetrics>();
builder.Services.AddSingleton<TypingThrottle>();
builder.Services.AddScoped<RealtimePublisher>();
builder.Services.AddScoped<Presences>();
builder.Services.AddScoped<PeopleView>();
builder.Services.AddScoped<ChannelAccess>();
builder.Services.AddScoped<ChannelQueries>();
builder.Services.AddScoped<MessageMapper>();
builder.Services.AddScoped<Mentions>();
builder.Services.AddScoped<MessageSender>();
builder.Services.AddSingleton<MessageWriter>();
builder.Services.AddSingleton<AuthorCache>();
builder.Services.AddScoped<Typing>();
builder.Services.AddScoped<ServerSupport>();
builder.Services.AddParleySignalR(parley);
builder.Services.AddParleyStorage(parley);
builder.Services.AddSingleton<AttachmentCleanup>();
if (!generatingOpenApiDocument)
{
    builder.Services.AddHostedService(services => services.GetRequiredService<AttachmentCleanup>());
    builder.Services.AddHostedService(services => services.GetRequiredService<MessageWriter>());
}
builder.Services.AddParleyRateLimits(parley.RateLimits);

builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.AllowTrailingCommas = false);
builder.Services.AddOpenApi("v1");
builder.Services.AddHealthChecks().AddDbContextCheck<ParleyDbContext>("database", tags: ["ready"]);
// ASP.NET Core starts an Activity (and a log scope) for every request whenever this logger is on, even with no tracer
// listening, and keeps it for the request's whole life: for the hub's WebSocket request, the connection's. Off unless
// configured; a tracer (an ActivityListener, e.g. OpenTelemetry tracing) still gets its activities.
const string hostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";
if (builder.Configuration[$"Logging:LogLevel:{hostingDiagnostics}"] is null)
{
    builder.Logging.AddFilter(hostingDiagnostics, LogLevel.None);
}

// Log scopes are captured only to be written out, and the console formats (simple, json) write them only with
// IncludeScopes on, which is off by default. Captured anyway, Kestrel's and SignalR's connection scopes (and the
// execution context copies that carry them) stay with every hub connection for its whole life. Turning IncludeScopes
// on captures them again.
if (!builder.Configuration.GetValue<bool>("Logging:Console:FormatterOptions:IncludeScopes"))
{
    builder.Services.Configure<LoggerFilterOptions>(filters => filters.CaptureScopes = false);
}

builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
    .AddAspNetCoreInstrumentation()
    .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections", ParleyMetrics.MeterName)
    .AddPrometheusExporter());

var app = builder.Build();
if (!generatingOpenApiDocument)
{
    await app.MigrateDatabaseAsync();
}

// The hub's WebSocket request lasts as long as its connection, and every middleware it passes through keeps its state
// for that long: it skips those that only serve pages and REST calls (a WebSocket upgrade has no body, no file and no
// page to protect; its refusals need no problem body). Everything else, /hub/negotiate included, takes the full path.
app.UseWhen(context => !RealtimeSetup.IsHubWebSocket(context), web =>
{
    web.UseExceptionHandler();
    web.UseStatusCodePages();
    web.UseSecurityHeaders();
    web.UseJsonBodyLimit();
    web.UseStaticFiles(new StaticFileOptions
    {
        OnPrepareResponse = file =>
        {
            if (file.Context.Request.Path.StartsWithSegments("/assets"))
            {
                file.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            }
        },
    });
});
app.UseHubOriginCheck(parley);
app.UseAuthenticationKeepingHubLight();
app.UseRateLimiter();
app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.UseAntiforgeryForCookieWrites());
app.UseAuthorization();

app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
app.MapScalarApiReference("/docs", scalar => scalar.WithTitle("Parley API").WithOpenApiRoutePattern("/openapi/{documentName}.json"))
    .AllowAnonymous();
app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();

app.MapAccounts();
app.MapUsers();
app.MapFriends();
app.MapConversations();
app.MapFiles();
app.MapServers();
app.MapSearch();
app.MapPolls();
app.MapEmoji();
app.MapHub<ChatHub>(RealtimeSetup.HubPath, hub => hub.Transports = HttpTransportType.WebSockets);

app.MapFallback("/api/{**rest}", () => TypedResults.NotFound()).AllowAnonymous();
app.MapFallbackToFile("index.html").AllowAnonymous();

await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
