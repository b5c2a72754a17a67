using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Contracts.Users;
using Parley.Data;
using Parley.Server.Features.Accounts;
using Parley.Server.Infrastructure;

namespace Parley.Server.Features.Users;

public static class Profile
{
    public const int DisplayNameMaxLength = 64;
    public const int BioMaxLength = 500;
    public const int StatusTextMaxLength = 128;

    public static async Task<Results<Ok<MeResponse>, NotFound>> Get(HttpContext context, ParleyDbContext db, CancellationToken cancellationToken)
    {
        var user = await db.Users.FindAsync([context.User.UserId()], cancellationToken);
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(user.ToMe());
    }

    public static async Task<Results<Ok<MeResponse>, ValidationProblem, NotFound>> Update(
        UpdateMeRequest request,
        HttpContext context,
        ParleyDbContext db,
        AuthorCache authors,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors()
            .MaxLength("displayName", request.DisplayName?.Trim(), DisplayNameMaxLength)
            .MaxLength("bio", request.Bio?.Trim(), BioMaxLength)
            .MaxLength("statusText", request.StatusText?.Trim(), StatusTextMaxLength);
        foreach (var (field, value) in new[] { ("displayName", request.DisplayName), ("statusText", request.StatusText) })
        {
            if (value is not null && value.Any(char.IsControl))
            {
                errors.Add(field, $"The {field} field must be a single line of text.");
            }
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var user = await db.Users.FindAsync([context.User.UserId()], cancellationToken);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        if (request.DisplayName is not null)
        {
            user.DisplayName = EmptyToNull(request.DisplayName);
        }

        if (request.Bio is not null)
        {
            user.Bio = EmptyToNull(request.Bio);
        }

        if (request.StatusText is not null)
        {
            user.StatusText = EmptyToNull(request.StatusText);
        }

        if (request.Presence is { } presence)
        {
            user.Presence = presence;
        }

        await db.SaveChangesAsync(cancellationToken);
        authors.Forget(user.Id);
        return TypedResults.Ok(user.ToMe());
    }

    private static string? EmptyToNull(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
