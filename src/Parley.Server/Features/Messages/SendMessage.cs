using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Contracts.Messages;
using Parley.Server.Features.Accounts;

namespace Parley.Server.Features.Messages;

/// <summary>POST /api/v1/channels/{channelId}/messages: the REST face of <see cref="MessageSender"/>.</summary>
public static class SendMessage
{
    public static async Task<Results<Created<MessageResponse>, Ok<MessageResponse>, ValidationProblem, NotFound, ProblemHttpResult>> Handle(
        long channelId,
        SendMessageRequest request,
        HttpContext context,
        MessageSender sender,
        CancellationToken cancellationToken)
    {
        var result = await sender.SendAsync(context.User.UserId(), channelId, request, cancellationToken);
        return result.Status switch
        {
            SendStatus.Created => TypedResults.Created($"/api/v1/channels/{result.Message!.ChannelId}/messages/{result.Message.Id}", result.Message),
            SendStatus.Existing => TypedResults.Ok(result.Message),
            SendStatus.Invalid => result.Invalid!,
            SendStatus.NotFound => TypedResults.NotFound(),
            _ => TypedResults.Problem(title: result.Refusal, statusCode: StatusCodes.Status403Forbidden),
        };
    }
}
