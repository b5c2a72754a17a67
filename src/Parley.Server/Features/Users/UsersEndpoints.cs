namespace Parley.Server.Features.Users;

public static class UsersEndpoints
{
    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/users/me").WithTags("Users");
        me.MapGet("", Profile.Get).WithSummary("Your profile.");
        me.MapPatch("", Profile.Update).WithSummary("Change your display name, bio, status text or presence.");
        me.MapGet("/settings", Settings.Get).WithSummary("Your settings, the same on every device.");
        me.MapPatch("/settings", Settings.Update).WithSummary("Change any subset of your settings.");
        var users = app.MapGroup("/api/v1/users").WithTags("Users");
        users.MapGet("/search", People.Search).WithSummary("Find people: friends and people you talk to first, then exact, prefix and substring matches.");
        users.MapGet("/{id:long}", People.Get).WithSummary("Someone's profile, as their privacy settings allow.");
        return app;
    }
}
