using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Parley.Server.Infrastructure;

public static class RateLimits
{
    /// <summary>Register, sign in and token creation: per client address, fixed window of one minute.</summary>
    public const string Auth = "auth";

    /// <summary>Sending and editing messages: per user, a token bucket that allows bursts.</summary>
    public const string Send = "send";

    public static IServiceCollection AddParleyRateLimits(this IServiceCollection services, RateLimitOptions options) =>
        services.AddSingleton(_ => new SendRateLimiter(options)).AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Auth, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientAddress(context),
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.AuthPermitsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            // The buckets live in SendRateLimiter, which hub sends use too: one allowance per user for both.
            limiter.AddPolicy(Send, context => RateLimitPartition.Get(
                SendRateLimiter.KeyOf(context.User, context),
                context.RequestServices.GetRequiredService<SendRateLimiter>().For));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                await WriteTooManyRequestsAsync(rejected.HttpContext, retryAfter, "Too many attempts. Please wait before trying again.");
            };
        });

    public static async Task WriteTooManyRequestsAsync(HttpContext context, TimeSpan retryAfter, string title)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = title, Extensions = { ["retryAfterSeconds"] = seconds } },
        });
    }

    private static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
