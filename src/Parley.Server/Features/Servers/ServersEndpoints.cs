using Parley.Server.Features.Files;
using Parley.Server.Infrastructure;

namespace Parley.Server.Features.Servers;

public static class ServersEndpoints
{
    public static IEndpointRouteBuilder MapServers(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/users/me/servers", Servers.ListMine).WithTags("Servers").WithSummary("Your servers.");

        var servers = app.MapGroup("/api/v1/servers").WithTags("Servers");
        servers.MapPost("", Servers.Create).WithSummary("Create a server (with #general and @everyone).");
        servers.MapGet("/{id:long}", Servers.Get).WithSummary("A server you are a member of.");
        servers.MapPatch("/{id:long}", Servers.Update).WithSummary("Rename (Manage Server) or hand over (owner, ownerId).");
        servers.MapDelete("/{id:long}", Servers.Delete).WithSummary("Delete the server (owner).");
        servers.MapPut("/{id:long}/icon", ServerIcon.Upload).WithMetadata(new RequestBodyLimit(Avatars.MaxAvatarBytes + 64 * 1024))
            .DisableAntiforgery().WithSummary("Set the server's icon (multipart, part 'file'; Manage Server).");
        servers.MapDelete("/{id:long}/icon", ServerIcon.Delete).WithSummary("Remove the server's icon (Manage Server).");
        servers.MapGet("/{id:long}/icon", ServerIcon.Get).AllowAnonymous()
            .WithSummary("The server's icon (size 64, 128 or 256) for members, or with a live invite code in 'invite'.");
        servers.MapGet("/{id:long}/channels", ServerChannels.List).WithSummary("The channels and categories you can see, with unread counts.");
        servers.MapPost("/{id:long}/channels", ServerChannels.Create).WithSummary("Create a text channel or category (Manage Channels).");
        servers.MapGet("/{id:long}/roles", Roles.List).WithSummary("The server's roles, highest first.");
        servers.MapPost("/{id:long}/roles", Roles.Create).WithSummary("Create a role (Manage Roles).");
        servers.MapPatch("/{id:long}/roles/{roleId:long}", Roles.Update).WithSummary("Change a role below yours (Manage Roles).");
        servers.MapDelete("/{id:long}/roles/{roleId:long}", Roles.Delete).WithSummary("Delete a role below yours (Manage Roles).");
        servers.MapGet("/{id:long}/members", Members.List).WithSummary("The members.");
        servers.MapPatch("/{id:long}/members/{userId:long}", Members.Update).WithSummary("Nickname and roles.");
        servers.MapDelete("/{id:long}/members/{userId:long}", Members.Remove).WithSummary("Leave (yourself) or kick (Kick Members).");
        servers.MapGet("/{id:long}/bans", Members.ListBans).WithSummary("Banned people (Ban Members).");
        servers.MapPut("/{id:long}/bans/{userId:long}", Members.Ban).WithSummary("Ban someone (Ban Members).");
        servers.MapDelete("/{id:long}/bans/{userId:long}", Members.Unban).WithSummary("Lift a ban (Ban Members).");
        servers.MapGet("/{id:long}/invites", Invites.List).WithSummary("The server's invites (Manage Server).");
        servers.MapGet("/{id:long}/audit-log", Invites.AuditLog).WithSummary("Moderation and settings changes, newest first (View Audit Log).");

        var channels = app.MapGroup("/api/v1/channels/{id:long}").WithTags("Servers");
        channels.MapGet("/permissions", ServerChannels.ListOverwrites).WithSummary("A server channel's permission overwrites.");
        channels.MapPut("/permissions/{targetId:long}", ServerChannels.SetOverwrite).WithSummary("Set a role's or member's overwrite (Manage Roles).");
        channels.MapDelete("/permissions/{targetId:long}", ServerChannels.DeleteOverwrite).WithSummary("Remove an overwrite (Manage Roles).");
        channels.MapPost("/invites", Invites.Create).WithSummary("Create an invite to this channel's server (Create Invites).");

        var invites = app.MapGroup("/api/v1/invites/{code}").WithTags("Servers");
        invites.MapGet("", Invites.Preview).AllowAnonymous().WithSummary("What an invite leads to (works signed out).");
        invites.MapPost("/accept", Invites.Accept).WithSummary("Join the server.");
        invites.MapDelete("", Invites.Revoke).WithSummary("Revoke an invite (its creator or Manage Server).");
        return app;
    }
}
