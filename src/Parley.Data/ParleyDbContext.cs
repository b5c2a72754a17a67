using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Parley.Data.Accounts;
using Parley.Data.Conversations;
using Parley.Data.Files;
using Parley.Data.Friends;
using Parley.Data.Messages;
using Parley.Data.Polls;
using Parley.Data.Servers;

namespace Parley.Data;

public sealed class ParleyDbContext(DbContextOptions<ParleyDbContext> options)
    : IdentityUserContext<User, long>(options), IDataProtectionKeyContext
{
    /// <summary>Cookie and antiforgery keys, shared by every node so any node can read any cookie.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<UserSettings> UserSettings => Set<UserSettings>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();
    public DbSet<FriendRequest> FriendRequests => Set<FriendRequest>();
    public DbSet<Friendship> Friendships => Set<Friendship>();
    public DbSet<Block> Blocks => Set<Block>();
    public DbSet<Channel> Channels => Set<Channel>();
    public DbSet<ChannelRecipient> ChannelRecipients => Set<ChannelRecipient>();
    public DbSet<ChannelUserState> ChannelUserStates => Set<ChannelUserState>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<MessageEdit> MessageEdits => Set<MessageEdit>();
    public DbSet<Reaction> Reactions => Set<Reaction>();
    public DbSet<Mention> Mentions => Set<Mention>();
    public DbSet<RoleMention> RoleMentions => Set<RoleMention>();
    public DbSet<Poll> Polls => Set<Poll>();
    public DbSet<PollOption> PollOptions => Set<PollOption>();
    public DbSet<PollVote> PollVotes => Set<PollVote>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<Server> Servers => Set<Server>();
    public DbSet<ServerMember> ServerMembers => Set<ServerMember>();
    public DbSet<Role> Roles => Set<Role>();
    public DbSet<MemberRole> MemberRoles => Set<MemberRole>();
    public DbSet<PermissionOverwrite> PermissionOverwrites => Set<PermissionOverwrite>();
    public DbSet<Invite> Invites => Set<Invite>();
    public DbSet<Ban> Bans => Set<Ban>();
    public DbSet<AuditLogEntry> AuditLog => Set<AuditLogEntry>();
    public DbSet<CustomEmoji> CustomEmoji => Set<CustomEmoji>();
    public DbSet<Sticker> Stickers => Set<Sticker>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ParleyDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(16);
    }
}
