using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Client;

/// <summary>The JSON settings the server uses: web defaults (camelCase, case-insensitive reading), nulls left out on writes.</summary>
public static class ParleyJson
{
    /// <summary>For requests and responses.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The same, indented: for people reading JSON (the CLI's --json).</summary>
    public static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true };
}
