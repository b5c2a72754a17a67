namespace Parley.EndToEnd.Tests.Infrastructure;

/// <summary>The folder that holds Parley.slnx, found by walking up from the test assembly.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    /// <summary>Where screenshots and other files for people to look at go: TestResults/ at the repository root.</summary>
    public static string TestResults => System.IO.Path.Combine(Path, "TestResults");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Parley.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Parley.slnx above {AppContext.BaseDirectory}.");
    }
}
