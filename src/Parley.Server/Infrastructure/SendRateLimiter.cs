using System.Security.Claims;
using System.Threading.RateLimiting;

namespace Parley.Server.Infrastructure;

/// <summary>
/// The per-user token bucket behind the "send" policy (<see cref="RateLimits.Send"/>), held here so that requests that
/// do not pass through the rate-limiting middleware draw on the same bucket: a hub send (ChatHub.SendMessage) takes a
/// token by hand with <see cref="AttemptAcquire"/>, and a REST send through the policy, so mixing the two does not
/// double anyone's allowance. Keyed as the policy is: the user's name, or the client address when signed out.
/// </summary>
public sealed class SendRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _buckets;

    public SendRateLimiter(RateLimitOptions options)
    {
        _buckets = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(
            key,
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.SendBurst,
                TokensPerPeriod = options.SendsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
            }));
    }

    public static string KeyOf(ClaimsPrincipal user, HttpContext? context) =>
        user.Identity?.Name ?? context?.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Takes one token now, or fails at once (no queue); a failed lease carries RetryAfter.</summary>
    public RateLimitLease AttemptAcquire(string key) => _buckets.AttemptAcquire(key);

    /// <summary>The bucket of one key as a <see cref="RateLimiter"/>, for the middleware's policy.</summary>
    public RateLimiter For(string key) => new Bucket(_buckets, key);

    public void Dispose() => _buckets.Dispose();

    /// <summary>
    /// A view of one shared bucket. The middleware disposes the limiters it has not used for a while; disposing a view
    /// leaves the bucket alone, and the next request makes a new view of the same bucket.
    /// </summary>
    private sealed class Bucket(PartitionedRateLimiter<string> buckets, string key) : RateLimiter
    {
        private long _lastUsed = Environment.TickCount64;

        public override TimeSpan? IdleDuration => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastUsed));

        public override RateLimiterStatistics? GetStatistics() => buckets.GetStatistics(key);

        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            Interlocked.Exchange(ref _lastUsed, Environment.TickCount64);
            return buckets.AttemptAcquire(key, permitCount);
        }

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            Interlocked.Exchange(ref _lastUsed, Environment.TickCount64);
            return buckets.AcquireAsync(key, permitCount, cancellationToken);
        }
    }
}
