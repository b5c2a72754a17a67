using Microsoft.EntityFrameworkCore;
using Parley.Data;
using Parley.Data.Files;
using Parley.Server.Infrastructure.Storage;

namespace Parley.Server.Features.Files;

/// <summary>Removes uploads that were never sent with a message within a day, hourly.</summary>
public sealed partial class AttachmentCleanup(IServiceScopeFactory scopes, TimeProvider time, ILogger<AttachmentCleanup> logger) : BackgroundService
{
    public static readonly TimeSpan UnattachedLifetime = TimeSpan.FromHours(24);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<IFileStore>();
        var cutoff = Parley.Data.IdGenerator.MinIdAt(time.GetUtcNow() - UnattachedLifetime);
        var stale = await db.Attachments.Where(a => a.MessageId == null && a.Id < cutoff).Take(500).ToListAsync(cancellationToken);
        db.Attachments.RemoveRange(stale);
        await db.SaveChangesAsync(cancellationToken);
        await DeleteFilesAsync(store, stale, cancellationToken);
        return stale.Count;
    }

    public static async Task DeleteFilesAsync(IFileStore store, IEnumerable<Attachment> attachments, CancellationToken cancellationToken)
    {
        foreach (var attachment in attachments)
        {
            await store.DeleteAsync(attachment.StorageKey, cancellationToken);
            if (attachment.ThumbnailKey is not null)
            {
                await store.DeleteAsync(attachment.ThumbnailKey, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping unattached uploads failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
