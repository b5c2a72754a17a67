using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

#pragma warning disable CA1050 // The runtime looks for a type named StartupHook in the global namespace.

/// <summary>
/// Loaded into a server process through DOTNET_STARTUP_HOOKS, so the benchmark can measure memory without a change to
/// the server: a connection to 127.0.0.1:$PARLEY_BENCH_GC_PORT forces a full, compacting, blocking GC and answers one
/// line, "gcHeapBytes rssBytes".
/// </summary>
internal static class StartupHook
#pragma warning restore CA1050
{
    public static void Initialize()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("PARLEY_BENCH_GC_PORT"), CultureInfo.InvariantCulture, out var port))
        {
            return;
        }

        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        var thread = new Thread(() => Serve(listener)) { IsBackground = true, Name = "bench-gc" };
        thread.Start();
    }

    private static void Serve(TcpListener listener)
    {
        while (true)
        {
            using var client = listener.AcceptTcpClient();
            using var stream = client.GetStream();
            for (var i = 0; i < 3; i++)
            {
                System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
            }

            var heap = GC.GetTotalMemory(forceFullCollection: false);
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            process.Refresh();
            var line = string.Create(CultureInfo.InvariantCulture, $"{heap} {process.WorkingSet64}\n");
            stream.Write(Encoding.ASCII.GetBytes(line));
        }
    }
}
