using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Contracts.Users;
using Parley.Data;
using Parley.Data.Accounts;
using Parley.Server.Features.Accounts;

namespace Parley.Server.Features.Users;

public static class Settings
{
    public static async Task<Ok<SettingsResponse>> Get(HttpContext context, ParleyDbContext db, CancellationToken cancellationToken)
    {
        var settings = await LoadAsync(db, context.User.UserId(), cancellationToken);
        return TypedResults.Ok(ToResponse(settings));
    }

    public static async Task<Ok<SettingsResponse>> Update(
        UpdateSettingsRequest request,
        HttpContext context,
        ParleyDbContext db,
        CancellationToken cancellationToken)
    {
        var settings = await LoadAsync(db, context.User.UserId(), cancellationToken);
        Apply(settings, request);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(settings));
    }

    internal static void Apply(UserSettings settings, UpdateSettingsRequest request)
    {
        settings.Theme = request.Theme ?? settings.Theme;
        settings.Language = request.Language ?? settings.Language;
        if (request.Notifications is { } n)
        {
            settings.NotificationsEnabled = n.Enabled ?? settings.NotificationsEnabled;
            settings.NotificationSound = n.Sound ?? settings.NotificationSound;
            settings.NotificationPreview = n.ShowPreview ?? settings.NotificationPreview;
        }

        if (request.Privacy is { } p)
        {
            settings.LastSeenVisibility = p.LastSeen ?? settings.LastSeenVisibility;
            settings.OnlineStatusVisibility = p.OnlineStatus ?? settings.OnlineStatusVisibility;
            settings.DirectMessages = p.DirectMessages ?? settings.DirectMessages;
            settings.ReadReceipts = p.ReadReceipts ?? settings.ReadReceipts;
        }
    }

    internal static SettingsResponse ToResponse(UserSettings s) => new(
        s.Theme,
        s.Language,
        new NotificationSettings(s.NotificationsEnabled, s.NotificationSound, s.NotificationPreview),
        new PrivacySettings(s.LastSeenVisibility, s.OnlineStatusVisibility, s.DirectMessages, s.ReadReceipts));

    private static async Task<UserSettings> LoadAsync(ParleyDbContext db, long userId, CancellationToken cancellationToken)
    {
        var settings = await db.UserSettings.FindAsync([userId], cancellationToken);
        if (settings is null)
        {
            settings = new UserSettings { UserId = userId };
            db.UserSettings.Add(settings);
        }

        return settings;
    }
}
