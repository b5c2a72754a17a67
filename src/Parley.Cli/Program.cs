namespace Parley.Cli;

/// <summary>The entry point (not a top-level program: the tests load this assembly next to the server's Program).</summary>
internal static class CliProgram
{
    public static async Task<int> Main(string[] args)
    {
        // Ctrl+C cancels the running command (watch stops and exits 0); a second Ctrl+C ends the process at once.
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            if (!cancellation.IsCancellationRequested)
            {
                e.Cancel = true;
                cancellation.Cancel();
            }
        };

        var app = new CliApp(Console.Out, Console.Error, Console.In, CliApp.DefaultConfigPath())
        {
            PasswordPrompt = ConsolePassword.Read,
        };
        return await app.RunAsync(args, cancellation.Token);
    }
}
