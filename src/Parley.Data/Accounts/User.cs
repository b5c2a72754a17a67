using Microsoft.AspNetCore.Identity;
using Parley.Contracts.Users;

namespace Parley.Data.Accounts;

public sealed class User : IdentityUser<long>
{
    public string? DisplayName
    {
        get;
        set
        {
            field = value;
            NormalizedDisplayName = value?.ToUpperInvariant();
        }
    }

    /// <summary>Upper-cased in .NET (every alphabet), because SQLite's upper() only knows A to Z; used by people search.</summary>
    public string? NormalizedDisplayName { get; private set; }
    public string? Bio { get; set; }
    public string? StatusText { get; set; }
    public Presence Presence { get; set; } = Presence.Online;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSeenAt { get; set; }

    /// <summary>Storage key prefix of the current avatar (sizes below it); null for none.</summary>
    public string? AvatarKey { get; set; }
    public UserSettings? Settings { get; set; }
}

