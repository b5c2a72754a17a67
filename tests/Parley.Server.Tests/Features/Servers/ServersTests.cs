using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Parley.Contracts.Channels;
using Parley.Contracts.Messages;
using Parley.Contracts.Servers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Servers;

internal static class ServerApi
{
    public static async Task<ServerResponse> CreateServerAsync(this Person owner, string name = "Book club") =>
        await (await owner.Client.PostAsJsonAsync("/api/v1/servers", new CreateServerRequest(name))).ReadAsync<ServerResponse>();

    public static async Task<List<ServerChannelResponse>> ServerChannelsAsync(this Person person, string serverId) =>
        await (await person.Client.GetAsync($"/api/v1/servers/{serverId}/channels")).ReadAsync<List<ServerChannelResponse>>();

    public static async Task<string> GeneralAsync(this Person person, string serverId) =>
        (await person.ServerChannelsAsync(serverId)).Single(c => c.Name == "general").Id;

    public static async Task<InviteResponse> InviteAsync(this Person person, string channelId, int? maxAge = null, int? maxUses = null) =>
        await (await person.Client.PostAsJsonAsync($"/api/v1/channels/{channelId}/invites", new CreateInviteRequest(maxAge, maxUses))).ReadAsync<InviteResponse>();

    public static async Task JoinAsync(this Person person, string code) =>
        (await person.Client.PostAsync($"/api/v1/invites/{code}/accept", null)).EnsureSuccessStatusCode();

    public static async Task<RoleResponse> CreateRoleAsync(this Person person, string serverId, string name, Permission permissions) =>
        await (await person.Client.PostAsJsonAsync($"/api/v1/servers/{serverId}/roles", new CreateRoleRequest(name, null, ((long)permissions).ToString(CultureInfo.InvariantCulture), true, true)))
            .ReadAsync<RoleResponse>();

    public static async Task GiveRolesAsync(this Person person, string serverId, Person member, params RoleResponse[] roles) =>
        (await person.Client.PatchAsJsonAsync($"/api/v1/servers/{serverId}/members/{member.Id}", new UpdateMemberRequest(null, roles.Select(r => r.Id).ToList()))).EnsureSuccessStatusCode();

    public static async Task SetOverwriteAsync(this Person person, string channelId, string targetId, string type, Permission allow, Permission deny) =>
        (await person.Client.PutAsJsonAsync($"/api/v1/channels/{channelId}/permissions/{targetId}", new PermissionOverwriteRequest(
            type, ((long)allow).ToString(CultureInfo.InvariantCulture), ((long)deny).ToString(CultureInfo.InvariantCulture)))).EnsureSuccessStatusCode();
}

public sealed class ServersTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task A_new_server_has_general_and_everyone_and_its_owner_has_every_permission(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);

        var server = await anna.CreateServerAsync("Chess club");
        var channels = await anna.ServerChannelsAsync(server.Id);
        var roles = await (await anna.Client.GetAsync($"/api/v1/servers/{server.Id}/roles")).ReadAsync<List<RoleResponse>>();

        Assert.Equal(("Chess club", anna.Id, 1), (server.Name, server.OwnerId, server.MemberCount));
        Assert.Equal("general", Assert.Single(channels).Name);
        Assert.Equal(("@everyone", server.Id), (Assert.Single(roles).Name, roles[0].Id));
        Assert.Contains(await (await anna.Client.GetAsync("/api/v1/users/me/servers")).ReadAsync<List<ServerResponse>>(), s => s.Id == server.Id);
        await (await anna.Client.PostAsJsonAsync("/api/v1/servers", new CreateServerRequest(""))).AssertFieldErrorsAsync("name");
        await (await apps[db].CreateBrowser().PostAsJsonAsync("/api/v1/servers", new CreateServerRequest("x"))).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory, AllDatabases]
    public async Task An_invite_lets_someone_in_and_a_preview_works_signed_out(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var boris = await Person.RegisterAsync(apps[db]);
        var server = await anna.CreateServerAsync("Garden");
        var invite = await anna.InviteAsync(await anna.GeneralAsync(server.Id));

        var preview = await (await apps[db].CreateBareClient().GetAsync($"/api/v1/invites/{invite.Code}")).ReadAsync<InviteResponse>();
        await boris.JoinAsync(invite.Code);
        await boris.JoinAsync(invite.Code);

        Assert.Equal(("Garden", 1), (preview.ServerName, preview.MemberCount));
        var general = await boris.GeneralAsync(server.Id);
        var message = await boris.SendAsync(general, "hello garden");
        Assert.Equal(message.Id, (await anna.HistoryAsync(general)).Single().Id);
        var members = await (await anna.Client.GetAsync($"/api/v1/servers/{server.Id}/members")).ReadAsync<List<MemberResponse>>();
        Assert.Equal(2, members.Count);
        await (await apps[db].CreateBareClient().GetAsync("/api/v1/invites/nope")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, AllDatabases]
    public async Task Invites_stop_working_when_used_up_or_expired(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var server = await anna.CreateServerAsync();
        var general = await anna.GeneralAsync(server.Id);
        var once = await anna.InviteAsync(general, maxUses: 1);
        var expiring = await anna.InviteAsync(general, maxAge: 60);

        await (await Person.RegisterAsync(apps[db])).JoinAsync(once.Code);
        await (await (await Person.RegisterAsync(apps[db])).Client.PostAsync($"/api/v1/invites/{once.Code}/accept", null)).ProblemAsync(HttpStatusCode.NotFound);

        await apps[db].WithDbAsync(d => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
            d.Invites.Where(i => i.Code == expiring.Code), i => i.SetProperty(x => x.ExpiresAt, TimeProvider.System.GetUtcNow().AddSeconds(-1))));
        await (await (await Person.RegisterAsync(apps[db])).Client.PostAsync($"/api/v1/invites/{expiring.Code}/accept", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await anna.Client.PostAsJsonAsync($"/api/v1/channels/{general}/invites", new CreateInviteRequest(-1, 0))).AssertFieldErrorsAsync("maxAgeSeconds");
    }

    [Theory, AllDatabases]
    public async Task A_banned_user_is_removed_and_cannot_come_back_through_an_invite(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var boris = await Person.RegisterAsync(apps[db]);
        var server = await anna.CreateServerAsync();
        var general = await anna.GeneralAsync(server.Id);
        var invite = await anna.InviteAsync(general);
        await boris.JoinAsync(invite.Code);

        Assert.Equal(HttpStatusCode.NoContent, (await anna.Client.PutAsJsonAsync($"/api/v1/servers/{server.Id}/bans/{boris.Id}", new BanRequest("spam"))).StatusCode);

        await (await boris.Client.GetAsync($"/api/v1/channels/{general}/messages")).ProblemAsync(HttpStatusCode.NotFound);
        await (await boris.Client.PostAsync($"/api/v1/invites/{invite.Code}/accept", null)).ProblemAsync(HttpStatusCode.Forbidden);
        var bans = await (await anna.Client.GetAsync($"/api/v1/servers/{server.Id}/bans")).ReadAsync<List<BanResponse>>();
        Assert.Equal(("spam", boris.Id), (Assert.Single(bans).Reason, bans[0].User.Id));
        var log = await (await anna.Client.GetAsync($"/api/v1/servers/{server.Id}/audit-log")).ReadAsync<List<AuditLogEntryResponse>>();
        Assert.Contains(log, e => e.Action == "member.ban" && e.TargetId == boris.Id && e.Reason == "spam" && e.Actor.Id == anna.Id);

        Assert.Equal(HttpStatusCode.NoContent, (await anna.Client.DeleteAsync($"/api/v1/servers/{server.Id}/bans/{boris.Id}")).StatusCode);
        await boris.JoinAsync(invite.Code);
    }

    [Theory, AllDatabases]
    public async Task The_audit_log_names_the_members_channels_and_roles_it_is_about(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var boris = await Person.RegisterAsync(apps[db]);
        var server = await anna.CreateServerAsync();
        await boris.JoinAsync((await anna.InviteAsync(await anna.GeneralAsync(server.Id))).Code);
        var role = await anna.CreateRoleAsync(server.Id, "Editors", Permission.ManageMessages);
        var kept = await (await anna.Client.PostAsJsonAsync($"/api/v1/servers/{server.Id}/channels", new CreateServerChannelRequest("news", ChannelType.Text, null, null)))
            .ReadAsync<ServerChannelResponse>();
        var gone = await (await anna.Client.PostAsJsonAsync($"/api/v1/servers/{server.Id}/channels", new CreateServerChannelRequest("old", ChannelType.Text, null, null)))
            .ReadAsync<ServerChannelResponse>();
        (await anna.Client.DeleteAsync($"/api/v1/channels/{gone.Id}")).EnsureSuccessStatusCode();
        (await anna.Client.DeleteAsync($"/api/v1/servers/{server.Id}/members/{boris.Id}")).EnsureSuccessStatusCode();

        var log = await (await anna.Client.GetAsync($"/api/v1/servers/{server.Id}/audit-log")).ReadAsync<List<AuditLogEntryResponse>>();

        Assert.Equal(boris.Me.DisplayName ?? boris.Me.Username, log.Single(e => e.Action == "member.kick").TargetName);
        Assert.Equal("Editors", log.Single(e => e.Action == "role.create" && e.TargetId == role.Id).TargetName);
        Assert.Equal("news", log.Single(e => e.Action == "channel.create" && e.TargetId == kept.Id).TargetName);
        Assert.Null(log.Single(e => e.Action == "channel.delete").TargetName);
        Assert.Equal("old", log.Single(e => e.Action == "channel.delete").Details);
        Assert.Null(log.Single(e => e.Action == "server.create").TargetName);
    }

    [Theory, AllDatabases]
    public async Task Non_members_see_nothing_and_members_without_rights_are_refused(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var boris = await Person.RegisterAsync(apps[db]);
        var stranger = await Person.RegisterAsync(apps[db]);
        var server = await anna.CreateServerAsync();
        var general = await anna.GeneralAsync(server.Id);
        await boris.JoinAsync((await anna.InviteAsync(general)).Code);

        await (await stranger.Client.GetAsync($"/api/v1/servers/{server.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.GetAsync($"/api/v1/servers/{server.Id}/channels")).ProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.GetAsync($"/api/v1/channels/{general}/messages")).ProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PostMessageAsync(general, "hi")).ProblemAsync(HttpStatusCode.NotFound);

        await (await boris.Client.PatchAsJsonAsync($"/api/v1/servers/{server.Id}", new UpdateServerRequest("Mine", null))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await boris.Client.DeleteAsync($"/api/v1/servers/{server.Id}")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await boris.Client.PostAsJsonAsync($"/api/v1/servers/{server.Id}/channels", new CreateServerChannelRequest("random", null, null, null))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await boris.Client.PostAsJsonAsync($"/api/v1/servers/{server.Id}/roles", new CreateRoleRequest("boss", null, null, null, null))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await boris.Client.DeleteAsync($"/api/v1/servers/{server.Id}/members/{anna.Id}")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await boris.Client.PutAsJsonAsync($"/api/v1/servers/{server.Id}/bans/{anna.Id}", new BanRequest(null))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await boris.Client.GetAsync($"/api/v1/servers/{server.Id}/audit-log")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await boris.Client.GetAsync($"/api/v1/servers/{server.Id}/invites")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory, AllDatabases]
    public async Task Channels_and_categories_are_created_moved_renamed_and_deleted(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var server = await anna.CreateServerAsync();

        var category = await (await anna.Client.PostAsJsonAsync($"/api/v1/servers/{server.Id}/channels", new CreateServerChannelRequest("Voice of reason", ChannelType.Category, null, null))).ReadAsync<ServerChannelResponse>();
        var random = await (await anna.Client.PostAsJsonAsync($"/api/v1/servers/{server.Id}/channels", new CreateServerChannelRequest("Random Talk", null, category.Id, "anything"))).ReadAsync<ServerChannelResponse>();
        var moved = await (await anna.Client.PatchAsJsonAsync($"/api/v1/channels/{random.Id}", new { name = "off topic", parentId = "", topic = "whatever" })).ReadAsync<ServerChannelResponse>();

        Assert.Equal(("random-talk", category.Id), (random.Name, random.ParentId));
        Assert.Equal(("off-topic", (string?)null, "whatever"), (moved.Name, moved.ParentId, moved.Topic));
        await (await anna.Client.PostAsJsonAsync($"/api/v1/servers/{server.Id}/channels", new CreateServerChannelRequest("x", null, random.Id, null))).AssertFieldErrorsAsync("parentId");
        await (await anna.Client.PostAsJsonAsync($"/api/v1/servers/{server.Id}/channels", new CreateServerChannelRequest("x", ChannelType.Direct, null, null))).AssertFieldErrorsAsync("type");
        Assert.Equal(HttpStatusCode.NoContent, (await anna.Client.DeleteAsync($"/api/v1/channels/{random.Id}")).StatusCode);
        Assert.DoesNotContain(await anna.ServerChannelsAsync(server.Id), c => c.Id == random.Id);
    }

    [Theory, AllDatabases]
    public async Task Ownership_moves_and_only_the_owner_deletes_the_server(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var boris = await Person.RegisterAsync(apps[db]);
        var server = await anna.CreateServerAsync();
        await boris.JoinAsync((await anna.InviteAsync(await anna.GeneralAsync(server.Id))).Code);

        await (await anna.Client.DeleteAsync($"/api/v1/servers/{server.Id}/members/{anna.Id}")).ProblemAsync(HttpStatusCode.Forbidden);
        var handed = await (await anna.Client.PatchAsJsonAsync($"/api/v1/servers/{server.Id}", new UpdateServerRequest(null, boris.Id))).ReadAsync<ServerResponse>();
        Assert.Equal(boris.Id, handed.OwnerId);
        await (await anna.Client.DeleteAsync($"/api/v1/servers/{server.Id}")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await anna.Client.DeleteAsync($"/api/v1/servers/{server.Id}/members/{anna.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await boris.Client.DeleteAsync($"/api/v1/servers/{server.Id}")).StatusCode);
        await (await boris.Client.GetAsync($"/api/v1/servers/{server.Id}")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
