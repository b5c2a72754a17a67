namespace Parley.Server.Features.Friends;

public static class FriendsEndpoints
{
    public static IEndpointRouteBuilder MapFriends(this IEndpointRouteBuilder app)
    {
        var friends = app.MapGroup("/api/v1/friends").WithTags("Friends");
        friends.MapGet("", Friends.List).WithSummary("Your friends.");
        friends.MapDelete("/{userId:long}", Friends.Remove).WithSummary("Remove a friend.");
        friends.MapGet("/requests", Friends.ListRequests).WithSummary("Friend requests to you and from you.");
        friends.MapPost("/requests", Friends.SendRequest).WithSummary("Ask someone, by username, to be your friend (asking back accepts).");
        friends.MapPost("/requests/{id:long}/accept", Friends.Accept).WithSummary("Accept a friend request sent to you.");
        friends.MapDelete("/requests/{id:long}", Friends.DeleteRequest).WithSummary("Decline a request to you, or cancel yours.");

        var blocks = app.MapGroup("/api/v1/blocks").WithTags("Friends");
        blocks.MapGet("", Blocks.List).WithSummary("People you blocked.");
        blocks.MapPut("/{userId:long}", Blocks.Block).WithSummary("Block someone: they cannot message you, see your presence or ask to be friends.");
        blocks.MapDelete("/{userId:long}", Blocks.Unblock).WithSummary("Unblock someone.");
        return app;
    }
}
