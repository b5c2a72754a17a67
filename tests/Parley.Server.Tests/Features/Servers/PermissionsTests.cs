using Parley.Contracts.Servers;
using Parley.Server.Features.Servers;
using Overwrite = Parley.Server.Features.Servers.Permissions.Overwrite;

namespace Parley.Server.Tests.Features.Servers;

public sealed class PermissionsTests
{
    private const long Server = 100;
    private const long User = 7;
    private const long Moderators = 200;
    private const long Muted = 300;

    [Fact]
    public void The_owner_and_administrators_have_everything()
    {
        Assert.Equal(Permissions.All, Permissions.ForServer(isOwner: true, Permission.None, []));
        Assert.Equal(Permissions.All, Permissions.ForServer(isOwner: false, Permission.None, [Permission.Administrator]));
        Assert.Equal(Permissions.All, Permissions.ForChannel(Permissions.All, Server, User, [], [new Overwrite(Server, true, Permission.None, Permission.ViewChannel)]));
    }

    [Fact]
    public void Roles_add_to_everyone()
    {
        var permissions = Permissions.ForServer(false, Permission.ViewChannel, [Permission.KickMembers, Permission.ManageMessages]);
        Assert.Equal(Permission.ViewChannel | Permission.KickMembers | Permission.ManageMessages, permissions);
    }

    [Fact]
    public void Overwrites_apply_everyone_then_roles_then_the_member()
    {
        var basePermissions = Permissions.EveryoneDefault;
        Overwrite[] overwrites =
        [
            new(Server, true, Permission.None, Permission.SendMessages),
            new(Moderators, true, Permission.SendMessages | Permission.ManageMessages, Permission.None),
            new(Muted, true, Permission.None, Permission.SendMessages | Permission.AddReactions),
            new(User, false, Permission.AddReactions, Permission.None),
        ];

        var plain = Permissions.ForChannel(basePermissions, Server, User + 1, [], overwrites);
        var moderator = Permissions.ForChannel(basePermissions, Server, User + 1, [Moderators], overwrites);
        var mutedModerator = Permissions.ForChannel(basePermissions, Server, User + 1, [Moderators, Muted], overwrites);
        var mutedButAllowedMember = Permissions.ForChannel(basePermissions, Server, User, [Muted], overwrites);

        Assert.False(plain.Has(Permission.SendMessages));
        Assert.True(moderator.Has(Permission.SendMessages | Permission.ManageMessages));
        // Role allows win over role denies at the same level (Discord's rule).
        Assert.True(mutedModerator.Has(Permission.SendMessages));
        Assert.False(mutedModerator.Has(Permission.AddReactions));
        Assert.True(mutedButAllowedMember.Has(Permission.AddReactions));
        Assert.False(mutedButAllowedMember.Has(Permission.SendMessages));
    }

    [Fact]
    public void Without_view_channel_a_member_has_nothing_in_the_channel()
    {
        var permissions = Permissions.ForChannel(Permissions.EveryoneDefault, Server, User, [], [new Overwrite(Server, true, Permission.None, Permission.ViewChannel)]);
        Assert.Equal(Permission.None, permissions);
    }

    [Fact]
    public void A_member_overwrite_can_show_a_hidden_channel_to_one_person()
    {
        Overwrite[] overwrites = [new(Server, true, Permission.None, Permission.ViewChannel), new(User, false, Permission.ViewChannel, Permission.None)];
        Assert.True(Permissions.ForChannel(Permissions.EveryoneDefault, Server, User, [], overwrites).Has(Permission.ViewChannel | Permission.SendMessages));
        Assert.Equal(Permission.None, Permissions.ForChannel(Permissions.EveryoneDefault, Server, User + 1, [], overwrites));
    }

    [Theory]
    [InlineData(false, 5, 4, true)]
    [InlineData(false, 5, 5, false)]
    [InlineData(false, 5, 6, false)]
    [InlineData(true, 0, 99, true)]
    public void Roles_are_managed_only_below_your_highest(bool isOwner, int actorHighest, int rolePosition, bool allowed) =>
        Assert.Equal(allowed, Permissions.MayManageRole(isOwner, actorHighest, rolePosition));
}
