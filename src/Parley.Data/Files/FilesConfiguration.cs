using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parley.Data.Accounts;

namespace Parley.Data.Files;

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.FileName).HasMaxLength(255);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.StorageKey).HasMaxLength(200);
        builder.Property(a => a.ThumbnailKey).HasMaxLength(200);
        builder.HasIndex(a => a.MessageId);
        // Quota sums and the sweep of never-attached uploads.
        builder.HasIndex(a => new { a.UploaderId, a.MessageId });
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.UploaderId).OnDelete(DeleteBehavior.Cascade);
    }
}
