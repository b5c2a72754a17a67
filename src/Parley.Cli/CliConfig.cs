using System.Text.Json;
using Parley.Client;

namespace Parley.Cli;

/// <summary>What <c>parley login</c> saves: the server, the token and who it belongs to. Readable by its owner only.</summary>
internal sealed record CliConfig(string Server, string Token, string? TokenId, string? Username)
{
    public const string Variable = "PARLEY_CONFIG";

    /// <summary>$PARLEY_CONFIG, else $XDG_CONFIG_HOME/parley/config.json, else ~/.config/parley/config.json.</summary>
    public static string DefaultPath()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path)
        {
            return path;
        }

        var configHome = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(configHome, "parley", "config.json");
    }

    public static async Task<CliConfig?> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            await using var stream = File.OpenRead(path);
            var config = await JsonSerializer.DeserializeAsync<CliConfig>(stream, ParleyJson.Options, cancellationToken);
            return config is { Server.Length: > 0, Token.Length: > 0 }
                ? config
                : throw new CliException($"The config file {path} is incomplete; sign in again with 'parley login'.");
        }
        catch (JsonException)
        {
            throw new CliException($"The config file {path} is not valid JSON; sign in again with 'parley login'.");
        }
    }

    /// <summary>Writes the file with mode 0600 (its folder 0700 when created), replacing any earlier one in one step.</summary>
    public async Task SaveAsync(string path, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            await using (var stream = new FileStream(temporary, options))
            {
                await JsonSerializer.SerializeAsync(stream, this, ParleyJson.Indented, cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
