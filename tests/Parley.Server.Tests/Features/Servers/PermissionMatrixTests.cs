using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Parley.Contracts.Messages;
using Parley.Contracts.Servers;
using Parley.Server.Tests.Features.Files;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Servers;

/// <summary>Three people shared by every case of the matrix (registering is the slow part of these tests).</summary>
public sealed class MatrixPeople : IAsyncLifetime
{
    public ParleyApp App { get; } = new(Db.Sqlite);

    public Person Owner { get; private set; } = null!;
    public Person Member { get; private set; } = null!;
    public Person Target { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Owner = await Person.RegisterAsync(App, "owner");
        Member = await Person.RegisterAsync(App, "member");
        Target = await Person.RegisterAsync(App, "target");
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// Each permission against an endpoint that needs it: refused without it, allowed with it through a role, and allowed
/// through a channel overwrite for the member where the permission is a channel one.
/// </summary>
public sealed class PermissionMatrixTests(MatrixPeople people) : IClassFixture<MatrixPeople>
{
    private const Permission Baseline = Permission.ViewChannel | Permission.ReadMessageHistory;

    public static TheoryData<string, bool> Cases => new()
    {
        { nameof(Permission.ViewChannel), true },
        { nameof(Permission.ReadMessageHistory), true },
        { nameof(Permission.SendMessages), true },
        { nameof(Permission.ManageMessages), true },
        { nameof(Permission.PinMessages), true },
        { nameof(Permission.AddReactions), true },
        { nameof(Permission.AttachFiles), true },
        { nameof(Permission.CreateInvites), true },
        { nameof(Permission.ManageChannels), true },
        { nameof(Permission.ManageRoles), false },
        { nameof(Permission.KickMembers), false },
        { nameof(Permission.BanMembers), false },
        { nameof(Permission.ManageServer), false },
        { nameof(Permission.ViewAuditLog), false },
        { nameof(Permission.Administrator), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_permission_is_needed_and_enough(string name, bool isChannelPermission)
    {
        var flag = Enum.Parse<Permission>(name);
        var (server, general) = await NewServerAsync(flag);

        Assert.False(await TryAsync(flag, server, general), $"{name}: allowed without the permission");

        var role = await people.Owner.CreateRoleAsync(server, "granted", flag);
        await people.Owner.GiveRolesAsync(server, people.Member, role);
        Assert.True(await TryAsync(flag, server, general), $"{name}: refused with the permission through a role");

        if (isChannelPermission)
        {
            var (otherServer, otherGeneral) = await NewServerAsync(flag);
            await people.Owner.SetOverwriteAsync(otherGeneral, people.Member.Id, "member", flag, Permission.None);
            Assert.True(await TryAsync(flag, otherServer, otherGeneral), $"{name}: refused with the permission through an overwrite");
            await people.Owner.SetOverwriteAsync(otherGeneral, people.Member.Id, "member", Permission.None, flag);
            Assert.False(await TryAsync(flag, otherServer, otherGeneral), $"{name}: allowed although an overwrite denies it");
        }
    }

    /// <summary>A server where @everyone has only the baseline, minus the permission under test; the member and target joined.</summary>
    private async Task<(string Server, string General)> NewServerAsync(Permission flag)
    {
        var server = await people.Owner.CreateServerAsync("matrix " + flag);
        var general = await people.Owner.GeneralAsync(server.Id);
        var invite = await people.Owner.InviteAsync(general);
        await people.Member.JoinAsync(invite.Code);
        await people.Target.JoinAsync(invite.Code);
        var everyone = Baseline & ~flag;
        (await people.Owner.Client.PatchAsJsonAsync($"/api/v1/servers/{server.Id}/roles/{server.Id}", new UpdateRoleRequest(null, null, ((long)everyone).ToString(CultureInfo.InvariantCulture), null, null, null)))
            .EnsureSuccessStatusCode();
        return (server.Id, general);
    }

    private async Task<bool> TryAsync(Permission flag, string server, string general)
    {
        var member = people.Member;
        var target = people.Target;
        switch (flag)
        {
            case Permission.ViewChannel:
                return (await member.Client.GetAsync($"/api/v1/channels/{general}/messages")).IsSuccessStatusCode;
            case Permission.ReadMessageHistory:
                var posted = await people.Owner.SendAsync(general, "history " + Guid.NewGuid());
                var page = await member.Client.GetFromJsonAsync<List<MessageResponse>>($"/api/v1/channels/{general}/messages");
                return page!.Any(m => m.Id == posted.Id);
            case Permission.SendMessages:
                return (await member.PostMessageAsync(general, "may I?")).IsSuccessStatusCode;
            case Permission.ManageMessages:
                var victim = await people.Owner.SendAsync(general, "delete me");
                return (await member.Client.DeleteAsync($"/api/v1/channels/{general}/messages/{victim.Id}")).IsSuccessStatusCode;
            case Permission.PinMessages:
                var pin = await people.Owner.SendAsync(general, "pin me");
                return (await member.Client.PutAsync($"/api/v1/channels/{general}/pins/{pin.Id}", null)).IsSuccessStatusCode;
            case Permission.AddReactions:
                var liked = await people.Owner.SendAsync(general, "like me");
                return (await member.Client.PutAsync($"/api/v1/channels/{general}/messages/{liked.Id}/reactions/{Uri.EscapeDataString("👍")}", null)).IsSuccessStatusCode;
            case Permission.AttachFiles:
                // Sending itself must be allowed, so only the file decides; grant it to @everyone in this channel.
                (await people.Owner.Client.PutAsJsonAsync($"/api/v1/channels/{general}/permissions/{server}", new PermissionOverwriteRequest("role", ((long)Permission.SendMessages).ToString(CultureInfo.InvariantCulture), "0")))
                    .EnsureSuccessStatusCode();
                var file = await member.UploadOkAsync([1, 2, 3], "f.bin");
                var withFile = await member.Client.PostAsJsonAsync($"/api/v1/channels/{general}/messages", new SendMessageRequest("file", null, null, [file.Id]));
                await people.Owner.Client.DeleteAsync($"/api/v1/channels/{general}/permissions/{server}");
                return withFile.IsSuccessStatusCode;
            case Permission.CreateInvites:
                return (await member.Client.PostAsJsonAsync($"/api/v1/channels/{general}/invites", new CreateInviteRequest(null, null))).IsSuccessStatusCode;
            case Permission.ManageChannels:
                return (await member.Client.PatchAsJsonAsync($"/api/v1/channels/{general}", new { topic = "renamed " + Guid.NewGuid() })).IsSuccessStatusCode;
            case Permission.ManageRoles:
                return (await member.Client.PostAsJsonAsync($"/api/v1/servers/{server}/roles", new CreateRoleRequest("helpers", null, "0", null, null))).IsSuccessStatusCode;
            case Permission.KickMembers:
                var kicked = await member.Client.DeleteAsync($"/api/v1/servers/{server}/members/{target.Id}");
                if (kicked.IsSuccessStatusCode)
                {
                    await target.JoinAsync((await people.Owner.InviteAsync(general)).Code);
                }

                return kicked.IsSuccessStatusCode;
            case Permission.BanMembers:
            case Permission.Administrator:
                var banned = await member.Client.PutAsJsonAsync($"/api/v1/servers/{server}/bans/{target.Id}", new BanRequest("matrix"));
                if (banned.IsSuccessStatusCode)
                {
                    await people.Owner.Client.DeleteAsync($"/api/v1/servers/{server}/bans/{target.Id}");
                    await target.JoinAsync((await people.Owner.InviteAsync(general)).Code);
                }

                return banned.IsSuccessStatusCode;
            case Permission.ManageServer:
                return (await member.Client.PatchAsJsonAsync($"/api/v1/servers/{server}", new UpdateServerRequest("renamed", null))).IsSuccessStatusCode;
            case Permission.ViewAuditLog:
                return (await member.Client.GetAsync($"/api/v1/servers/{server}/audit-log")).IsSuccessStatusCode;
            default:
                throw new ArgumentOutOfRangeException(nameof(flag), flag, "no endpoint for this permission in the matrix");
        }
    }
}

public sealed class HierarchyAndVisibilityTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task Nobody_manages_a_role_at_or_above_their_own_highest(Db db)
    {
        var owner = await Person.RegisterAsync(apps[db]);
        var mod = await Person.RegisterAsync(apps[db]);
        var server = await owner.CreateServerAsync();
        await mod.JoinAsync((await owner.InviteAsync(await owner.GeneralAsync(server.Id))).Code);
        // A new role starts at the bottom (just above @everyone), so the one made last ranks lowest.
        var moderator = await owner.CreateRoleAsync(server.Id, "moderator", Permission.ManageRoles | Permission.KickMembers);
        var junior = await owner.CreateRoleAsync(server.Id, "junior", Permission.None);
        await owner.GiveRolesAsync(server.Id, mod, moderator);

        Assert.True((await mod.Client.PatchAsJsonAsync($"/api/v1/servers/{server.Id}/roles/{junior.Id}", new UpdateRoleRequest("trainee", null, null, null, null, null))).IsSuccessStatusCode);
        await (await mod.Client.PatchAsJsonAsync($"/api/v1/servers/{server.Id}/roles/{moderator.Id}", new UpdateRoleRequest("boss", null, null, null, null, null))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await mod.Client.PatchAsJsonAsync($"/api/v1/servers/{server.Id}/roles/{junior.Id}", new UpdateRoleRequest(null, null, ((long)Permission.Administrator).ToString(CultureInfo.InvariantCulture), null, null, null)))
            .ProblemAsync(HttpStatusCode.Forbidden);
        await (await mod.Client.DeleteAsync($"/api/v1/servers/{server.Id}/members/{owner.Id}")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await mod.Client.PatchAsJsonAsync($"/api/v1/servers/{server.Id}/roles/{junior.Id}", new UpdateRoleRequest(null, null, "123456789012345", null, null, null))).AssertFieldErrorsAsync("permissions");
    }

    [Theory, AllDatabases]
    public async Task A_channel_hidden_by_an_overwrite_disappears_from_lists_history_and_real_time(Db db)
    {
        var owner = await Person.RegisterAsync(apps[db], "owner");
        var member = await Person.RegisterAsync(apps[db], "member");
        var server = await owner.CreateServerAsync();
        var general = await owner.GeneralAsync(server.Id);
        await member.JoinAsync((await owner.InviteAsync(general)).Code);
        var secret = await (await owner.Client.PostAsJsonAsync($"/api/v1/servers/{server.Id}/channels", new CreateServerChannelRequest("staff", null, null, null))).ReadAsync<ServerChannelResponse>();
        var token = await apps[db].CreateBareClient().CreateTokenAsync(member.Me.Username);
        await using var hub = await HubClient.ConnectAsync(apps[db], token);
        var before = await owner.SendAsync(secret.Id, "visible for now");
        await hub.WaitForAsync("MessageCreated", e => e.Str("id") == before.Id);

        await owner.SetOverwriteAsync(secret.Id, server.Id, "role", Permission.None, Permission.ViewChannel);

        await hub.WaitForAsync("ServerUpdated", e => e.Str("serverId") == server.Id);
        Assert.DoesNotContain(await member.ServerChannelsAsync(server.Id), c => c.Id == secret.Id);
        await (await member.Client.GetAsync($"/api/v1/channels/{secret.Id}/messages")).ProblemAsync(HttpStatusCode.NotFound);
        var hidden = await owner.SendAsync(secret.Id, "staff only");
        var open = await owner.SendAsync(general, "for everyone");
        await hub.WaitForAsync("MessageCreated", e => e.Str("id") == open.Id);
        Assert.DoesNotContain(hub.All("MessageCreated"), e => e.Str("id") == hidden.Id);
        Assert.Contains(await owner.ServerChannelsAsync(server.Id), c => c.Id == secret.Id);
    }
}
