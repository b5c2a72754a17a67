using System.Globalization;

namespace Parley.Server.Infrastructure;

/// <summary>Ids travel as strings (JavaScript numbers lose precision past 2^53).</summary>
public static class Ids
{
    public static string Format(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string? value, out long id) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
}
