using System.Text;
using Parley.Cli;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Cli;

internal sealed record CliResult(int ExitCode, string Output, string Error);

/// <summary>Runs <c>parley</c> in-process against the in-memory server, with a config file of its own.</summary>
internal sealed class CliRunner(ParleyApp app, string configPath)
{
    public string ConfigPath { get; } = configPath;

    public CliApp Create(TextWriter output, TextWriter error, string stdin = "")
    {
        var server = app.Server;
        return new CliApp(output, error, new StringReader(stdin), ConfigPath)
        {
            HttpHandlerFactory = server.CreateHandler,
            WebSocketFactory = async (context, cancellationToken) => await server.CreateWebSocketClient().ConnectAsync(context.Uri, cancellationToken),
            TimeZone = TimeZoneInfo.Utc,
            MachineName = "test-box",
        };
    }

    public Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync("", args);

    public async Task<CliResult> RunWithInputAsync(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await Create(output, error, stdin).RunAsync(args, CancellationToken.None);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public async Task<CliResult> LoginAsync(string username)
    {
        var result = await RunWithInputAsync(Api.Password + "\n", "login", "--server", "http://localhost", "--username", username, "--password-stdin");
        Assert.True(result.ExitCode == 0, result.Error);
        return result;
    }
}

/// <summary>A thread-safe writer that can be waited on until some text has been written.</summary>
internal sealed class WatchedWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _written = new(0);

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    public override void Write(char value) => Append(value.ToString());

    public override void Write(string? value) => Append(value ?? "");

    public override void Write(char[] buffer, int index, int count) => Append(new string(buffer, index, count));

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync()
    {
        WriteLine();
        return Task.CompletedTask;
    }

    public override Task FlushAsync() => Task.CompletedTask;

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task WaitForAsync(string text, int timeoutSeconds = 10)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(timeoutSeconds);
        while (!Text.Contains(text, StringComparison.Ordinal))
        {
            var left = deadline - TimeProvider.System.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"'{text}' was not written within {timeoutSeconds} s; got: {Text}");
            }

            await _written.WaitAsync(left);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _written.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Append(string value)
    {
        lock (_gate)
        {
            _text.Append(value);
        }

        _written.Release();
    }
}
