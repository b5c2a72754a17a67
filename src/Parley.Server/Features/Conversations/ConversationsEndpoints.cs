using Parley.Server.Features.Messages;
using Parley.Server.Infrastructure;

namespace Parley.Server.Features.Conversations;

public static class ConversationsEndpoints
{
    public static IEndpointRouteBuilder MapConversations(this IEndpointRouteBuilder app)
    {
        var mine = app.MapGroup("/api/v1/users/me/channels").WithTags("Channels");
        mine.MapGet("", Channels.List).WithSummary("Your direct and group chats with last message, unread and mention counts, mute and draft.");
        mine.MapPost("", Channels.Create).WithSummary("Start a chat: one recipient gives the direct chat (always the same one), more a new group.");

        var channels = app.MapGroup("/api/v1/channels/{id:long}").WithTags("Channels");
        channels.MapGet("", Channels.Get).WithSummary("One chat as it appears in your chat list.");
        channels.MapPatch("", Channels.Update)
            .Produces<Contracts.Channels.ChannelResponse>().Produces<Contracts.Servers.ServerChannelResponse>()
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Rename a group (its owner), or change a server channel (Manage Channels): name, topic, parentId, position.");
        channels.MapDelete("", Channels.Delete).Produces(204).ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Delete a server channel or category (Manage Channels).");
        channels.MapPut("/recipients/{userId:long}", Recipients.Add).WithSummary("Add someone to a group (its owner).");
        channels.MapDelete("/recipients/{userId:long}", Recipients.Remove).WithSummary("Remove someone from a group (its owner), or leave it (yourself).");
        channels.MapPost("/read", ReadState.MarkRead).WithSummary("Mark the chat read up to a message.");
        channels.MapGet("/read-receipts", ReadState.Receipts).WithSummary("How far the others have read (those who share read receipts).");
        channels.MapPut("/draft", ReadState.SaveDraft).WithSummary("Save your draft for this chat (shown on every device).");
        channels.MapDelete("/draft", ReadState.DeleteDraft).WithSummary("Clear your draft.");
        channels.MapPut("/mute", ReadState.Mute).WithSummary("Mute the chat until a time, or for good.");
        channels.MapDelete("/mute", ReadState.Unmute).WithSummary("Unmute the chat.");
        channels.MapPost("/typing", Typing.Handle).WithSummary("Tell the others you are typing.");

        var messages = app.MapGroup("/api/v1/channels/{channelId:long}/messages").WithTags("Messages");
        messages.MapGet("", ListMessages.Handle).WithSummary("History by cursor: before (newest first), after or around (oldest first).");
        messages.MapPost("", SendMessage.Handle).RequireRateLimiting(RateLimits.Send)
            .WithSummary("Send a message. The same nonce from the same author returns the original message.");
        messages.MapPatch("/{messageId:long}", EditMessage.Handle).RequireRateLimiting(RateLimits.Send).WithSummary("Edit your message.");
        messages.MapGet("/{messageId:long}/edits", EditMessage.History).WithSummary("A message's versions, oldest first.");
        messages.MapDelete("/{messageId:long}", DeleteMessage.Handle).WithSummary("Delete your message (a group's owner: any).");
        messages.MapPut("/{messageId:long}/reactions/{emoji}", Reactions.Add).WithSummary("React with an emoji.");
        messages.MapDelete("/{messageId:long}/reactions/{emoji}", Reactions.Remove).WithSummary("Take your reaction back.");

        var pins = app.MapGroup("/api/v1/channels/{channelId:long}/pins").WithTags("Messages");
        pins.MapGet("", Pins.List).WithSummary("Pinned messages, most recently pinned first.");
        pins.MapPut("/{messageId:long}", Pins.Pin).WithSummary("Pin a message.");
        pins.MapDelete("/{messageId:long}", Pins.Unpin).WithSummary("Unpin a message.");
        return app;
    }
}
