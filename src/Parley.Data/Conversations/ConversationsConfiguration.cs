using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parley.Data.Accounts;
using Parley.Data.Friends;
using Parley.Data.Messages;

namespace Parley.Data.Conversations;

internal sealed class ChannelConfiguration : IEntityTypeConfiguration<Channel>
{
    public void Configure(EntityTypeBuilder<Channel> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.Topic).HasMaxLength(1024);
        builder.Property(c => c.DirectKey).HasMaxLength(48);
        builder.Property(c => c.IconKey).HasMaxLength(200);
        builder.HasIndex(c => c.DirectKey).IsUnique();
        builder.HasIndex(c => c.ServerId);
        builder.HasOne<Servers.Server>().WithMany().HasForeignKey(c => c.ServerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Recipients).WithOne().HasForeignKey(r => r.ChannelId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ChannelRecipientConfiguration : IEntityTypeConfiguration<ChannelRecipient>
{
    public void Configure(EntityTypeBuilder<ChannelRecipient> builder)
    {
        builder.HasKey(r => new { r.ChannelId, r.UserId });
        builder.HasIndex(r => r.UserId);
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ChannelUserStateConfiguration : IEntityTypeConfiguration<ChannelUserState>
{
    public void Configure(EntityTypeBuilder<ChannelUserState> builder)
    {
        builder.HasKey(s => new { s.UserId, s.ChannelId });
        builder.Property(s => s.Draft).HasMaxLength(4000);
        builder.HasOne<Channel>().WithMany().HasForeignKey(s => s.ChannelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Content).HasMaxLength(4000);
        builder.Property(m => m.SearchText).HasMaxLength(4000);
        builder.Property(m => m.Nonce).HasMaxLength(64);
        // A bit set, so an int (SQL ORs it in place), not the string every other enum is stored as.
        builder.Property(m => m.Extras).HasConversion<int>();
        // History pages: WHERE ChannelId = @c AND Id < @cursor ORDER BY Id DESC LIMIT n.
        builder.HasIndex(m => new { m.ChannelId, m.Id });
        builder.HasIndex(m => new { m.AuthorId, m.Nonce }).IsUnique();
        builder.HasIndex(m => new { m.ChannelId, m.PinnedAt });
        // @everyone mention counts: WHERE ChannelId = @c AND MentionsEveryone AND Id > @lastRead.
        builder.HasIndex(m => new { m.ChannelId, m.MentionsEveryone, m.Id });
        builder.HasOne<Channel>().WithMany().HasForeignKey(m => m.ChannelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(m => m.AuthorId).OnDelete(DeleteBehavior.Cascade);
        // No foreign key on StickerId: adding one makes SQLite rebuild Messages, which drops the full-text triggers.
        // A deleted sticker leaves the id behind and the message shows it as gone.
    }
}

internal sealed class MessageEditConfiguration : IEntityTypeConfiguration<MessageEdit>
{
    public void Configure(EntityTypeBuilder<MessageEdit> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.PreviousContent).HasMaxLength(4000);
        builder.HasIndex(e => e.MessageId);
        builder.HasOne<Message>().WithMany().HasForeignKey(e => e.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReactionConfiguration : IEntityTypeConfiguration<Reaction>
{
    public void Configure(EntityTypeBuilder<Reaction> builder)
    {
        builder.HasKey(r => new { r.MessageId, r.Emoji, r.UserId });
        builder.Property(r => r.Emoji).HasMaxLength(64);
        builder.HasOne<Message>().WithMany().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MentionConfiguration : IEntityTypeConfiguration<Mention>
{
    public void Configure(EntityTypeBuilder<Mention> builder)
    {
        builder.HasKey(m => new { m.MessageId, m.UserId });
        // Mention counts: WHERE UserId = @me AND ChannelId = @c AND MessageId > @lastRead.
        builder.HasIndex(m => new { m.UserId, m.ChannelId, m.MessageId });
        builder.HasOne<Message>().WithMany().HasForeignKey(m => m.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RoleMentionConfiguration : IEntityTypeConfiguration<RoleMention>
{
    public void Configure(EntityTypeBuilder<RoleMention> builder)
    {
        builder.HasKey(m => new { m.MessageId, m.RoleId });
        // Mention counts: WHERE RoleId IN (@my roles) AND ChannelId = @c AND MessageId > @lastRead.
        builder.HasIndex(m => new { m.RoleId, m.ChannelId, m.MessageId });
        builder.HasOne<Message>().WithMany().HasForeignKey(m => m.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FriendRequestConfiguration : IEntityTypeConfiguration<FriendRequest>
{
    public void Configure(EntityTypeBuilder<FriendRequest> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasIndex(r => new { r.FromUserId, r.ToUserId }).IsUnique();
        builder.HasIndex(r => r.ToUserId);
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.FromUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.ToUserId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class FriendshipConfiguration : IEntityTypeConfiguration<Friendship>
{
    public void Configure(EntityTypeBuilder<Friendship> builder)
    {
        builder.HasKey(f => new { f.UserId, f.FriendId });
        builder.HasOne<User>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(f => f.FriendId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class BlockConfiguration : IEntityTypeConfiguration<Block>
{
    public void Configure(EntityTypeBuilder<Block> builder)
    {
        builder.HasKey(b => new { b.UserId, b.BlockedUserId });
        builder.HasIndex(b => b.BlockedUserId);
        builder.HasOne<User>().WithMany().HasForeignKey(b => b.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(b => b.BlockedUserId).OnDelete(DeleteBehavior.NoAction);
    }
}
