using System.Security.Cryptography;

namespace Parley.EndToEnd.Tests.Infrastructure;

public sealed record TestUser(string Username, string Password, string DisplayName)
{
    /// <summary>A user no other test (or earlier run against the same server) has: e.g. "e2e_3f9a1c7b".</summary>
    public static TestUser Create(string prefix = "e2e")
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        return new TestUser($"{prefix}_{id}", $"Quiet-Harbour-{id}-Lantern", $"Tester {id}");
    }
}
