using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parley.Data.Accounts;
using Parley.Data.Conversations;

namespace Parley.Data.Servers;

internal sealed class ServerConfiguration : IEntityTypeConfiguration<Server>
{
    public void Configure(EntityTypeBuilder<Server> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.IconKey).HasMaxLength(200);
    }
}

internal sealed class ServerMemberConfiguration : IEntityTypeConfiguration<ServerMember>
{
    public void Configure(EntityTypeBuilder<ServerMember> builder)
    {
        builder.HasKey(m => new { m.ServerId, m.UserId });
        builder.HasIndex(m => m.UserId);
        builder.Property(m => m.Nickname).HasMaxLength(64);
        builder.HasOne<Server>().WithMany().HasForeignKey(m => m.ServerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RoleConfiguration : IEntityTypeConfiguration<Role>
{
    public void Configure(EntityTypeBuilder<Role> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.Property(r => r.Permissions).HasConversion<long>();
        builder.HasIndex(r => r.ServerId);
        builder.HasOne<Server>().WithMany().HasForeignKey(r => r.ServerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MemberRoleConfiguration : IEntityTypeConfiguration<MemberRole>
{
    public void Configure(EntityTypeBuilder<MemberRole> builder)
    {
        builder.HasKey(m => new { m.ServerId, m.UserId, m.RoleId });
        builder.HasIndex(m => m.RoleId);
        builder.HasOne<ServerMember>().WithMany().HasForeignKey(m => new { m.ServerId, m.UserId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Role>().WithMany().HasForeignKey(m => m.RoleId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class PermissionOverwriteConfiguration : IEntityTypeConfiguration<PermissionOverwrite>
{
    public void Configure(EntityTypeBuilder<PermissionOverwrite> builder)
    {
        builder.HasKey(o => new { o.ChannelId, o.TargetId });
        builder.Property(o => o.Allow).HasConversion<long>();
        builder.Property(o => o.Deny).HasConversion<long>();
        builder.HasOne<Channel>().WithMany().HasForeignKey(o => o.ChannelId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InviteConfiguration : IEntityTypeConfiguration<Invite>
{
    public void Configure(EntityTypeBuilder<Invite> builder)
    {
        builder.HasKey(i => i.Code);
        builder.Property(i => i.Code).HasMaxLength(16);
        builder.HasIndex(i => i.ServerId);
        builder.HasOne<Server>().WithMany().HasForeignKey(i => i.ServerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BanConfiguration : IEntityTypeConfiguration<Ban>
{
    public void Configure(EntityTypeBuilder<Ban> builder)
    {
        builder.HasKey(b => new { b.ServerId, b.UserId });
        builder.Property(b => b.Reason).HasMaxLength(512);
        builder.HasOne<Server>().WithMany().HasForeignKey(b => b.ServerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditLogEntryConfiguration : IEntityTypeConfiguration<AuditLogEntry>
{
    public void Configure(EntityTypeBuilder<AuditLogEntry> builder)
    {
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.Reason).HasMaxLength(512);
        builder.Property(a => a.Details).HasMaxLength(4000);
        builder.HasIndex(a => new { a.ServerId, a.Id });
        builder.HasOne<Server>().WithMany().HasForeignKey(a => a.ServerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CustomEmojiConfiguration : IEntityTypeConfiguration<CustomEmoji>
{
    public void Configure(EntityTypeBuilder<CustomEmoji> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Name).HasMaxLength(32);
        builder.Property(e => e.StorageKey).HasMaxLength(200);
        builder.Property(e => e.ContentType).HasMaxLength(100);
        builder.HasIndex(e => new { e.ServerId, e.Name }).IsUnique();
        builder.HasOne<Server>().WithMany().HasForeignKey(e => e.ServerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StickerConfiguration : IEntityTypeConfiguration<Sticker>
{
    public void Configure(EntityTypeBuilder<Sticker> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Name).HasMaxLength(32);
        builder.Property(s => s.Description).HasMaxLength(100);
        builder.Property(s => s.StorageKey).HasMaxLength(200);
        builder.Property(s => s.ContentType).HasMaxLength(100);
        builder.HasIndex(s => new { s.ServerId, s.Name }).IsUnique();
        builder.HasOne<Server>().WithMany().HasForeignKey(s => s.ServerId).OnDelete(DeleteBehavior.Cascade);
    }
}
