using System.Globalization;
using Parley.Contracts.Users;
using Parley.Data.Accounts;

namespace Parley.Server.Features.Users;

public static class UserMapping
{
    public static MeResponse ToMe(this User user) => new(
        user.Id.ToString(CultureInfo.InvariantCulture),
        user.UserName!,
        user.Email,
        user.DisplayName,
        user.Bio,
        user.StatusText,
        user.Presence,
        user.CreatedAt,
        Files.Avatars.UrlForUser(user.Id, user.AvatarKey));
}
