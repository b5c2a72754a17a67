using System.Net.Http.Json;
using Parley.Contracts.Servers;
using Parley.Server.Tests.Features.Servers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Messages;

public sealed class MentionsTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    private sealed record ServerWithThree(ServerResponse Server, string General, Person Owner, Person Anna, Person Boris);

    private async Task<ServerWithThree> ServerAsync(Db db)
    {
        var owner = await Person.RegisterAsync(apps[db], "owner");
        var anna = await Person.RegisterAsync(apps[db], "anna");
        var boris = await Person.RegisterAsync(apps[db], "boris");
        var server = await owner.CreateServerAsync("Mentions");
        var general = await owner.GeneralAsync(server.Id);
        var invite = await owner.InviteAsync(general);
        await anna.JoinAsync(invite.Code);
        await boris.JoinAsync(invite.Code);
        return new ServerWithThree(server, general, owner, anna, boris);
    }

    private static async Task<int> MentionCountAsync(Person person, string serverId, string channelId) =>
        (await person.ServerChannelsAsync(serverId)).Single(c => c.Id == channelId).MentionCount;

    [Theory, AllDatabases]
    public async Task A_person_is_mentioned_by_name_in_a_server_channel(Db db)
    {
        var s = await ServerAsync(db);

        var message = await s.Owner.SendAsync(s.General, $"@{s.Anna.Me.Username} look");

        Assert.Equal(s.Anna.Id, Assert.Single(message.Mentions).Id);
        Assert.Equal(1, await MentionCountAsync(s.Anna, s.Server.Id, s.General));
        Assert.Equal(0, await MentionCountAsync(s.Boris, s.Server.Id, s.General));
    }

    [Theory, AllDatabases]
    public async Task Everyone_counts_for_every_member_once_and_needs_MentionEveryone(Db db)
    {
        var s = await ServerAsync(db);

        var byAnna = await s.Anna.SendAsync(s.General, "@everyone hello?");
        var byOwner = await s.Owner.SendAsync(s.General, $"@everyone meeting, @{s.Anna.Me.Username} too");

        Assert.True(byOwner.MentionsEveryone);
        Assert.False(byAnna.MentionsEveryone);
        Assert.Equal(1, await MentionCountAsync(s.Anna, s.Server.Id, s.General));
        Assert.Equal(1, await MentionCountAsync(s.Boris, s.Server.Id, s.General));
        Assert.Equal(0, await MentionCountAsync(s.Owner, s.Server.Id, s.General));
    }

    [Theory, AllDatabases]
    public async Task Everyone_works_for_a_member_whose_role_grants_MentionEveryone(Db db)
    {
        var s = await ServerAsync(db);
        var herald = await s.Owner.CreateRoleAsync(s.Server.Id, "herald", Permission.MentionEveryone);
        await s.Owner.GiveRolesAsync(s.Server.Id, s.Anna, herald);

        var message = await s.Anna.SendAsync(s.General, "@everyone news");

        Assert.True(message.MentionsEveryone);
        Assert.Equal(1, await MentionCountAsync(s.Boris, s.Server.Id, s.General));
    }

    [Theory, AllDatabases]
    public async Task A_mentionable_role_is_mentioned_for_its_holders_only(Db db)
    {
        var s = await ServerAsync(db);
        var editors = await s.Owner.CreateRoleAsync(s.Server.Id, "editors", Permission.None);
        await s.Owner.GiveRolesAsync(s.Server.Id, s.Boris, editors);

        var message = await s.Anna.SendAsync(s.General, "@Editors please review");

        Assert.Equal([editors.Id], message.MentionRoleIds!);
        Assert.Equal(1, await MentionCountAsync(s.Boris, s.Server.Id, s.General));
        Assert.Equal(0, await MentionCountAsync(s.Owner, s.Server.Id, s.General));
        var history = await s.Boris.HistoryAsync(s.General);
        Assert.Equal([editors.Id], Assert.Single(history).MentionRoleIds!);
    }

    [Theory, AllDatabases]
    public async Task A_role_that_is_not_mentionable_needs_MentionEveryone(Db db)
    {
        var s = await ServerAsync(db);
        var quiet = await (await s.Owner.Client.PostAsJsonAsync(
                $"/api/v1/servers/{s.Server.Id}/roles",
                new CreateRoleRequest("quiet", null, "0", false, false)))
            .ReadAsync<RoleResponse>();
        await s.Owner.GiveRolesAsync(s.Server.Id, s.Boris, quiet);

        var byAnna = await s.Anna.SendAsync(s.General, "@quiet hi");
        var byOwner = await s.Owner.SendAsync(s.General, "@quiet hi");

        Assert.Empty(byAnna.MentionRoleIds!);
        Assert.Equal([quiet.Id], byOwner.MentionRoleIds!);
        Assert.Equal(1, await MentionCountAsync(s.Boris, s.Server.Id, s.General));
    }

    [Theory, AllDatabases]
    public async Task Reading_clears_mention_counts_of_every_kind(Db db)
    {
        var s = await ServerAsync(db);
        await s.Owner.SendAsync(s.General, "@everyone one");
        var last = await s.Owner.SendAsync(s.General, "@everyone two");
        Assert.Equal(2, await MentionCountAsync(s.Boris, s.Server.Id, s.General));

        (await s.Boris.Client.PostAsJsonAsync($"/api/v1/channels/{s.General}/read", new Contracts.Channels.MarkReadRequest(last.Id))).EnsureSuccessStatusCode();

        var general = (await s.Boris.ServerChannelsAsync(s.Server.Id)).Single(c => c.Id == s.General);
        Assert.Equal((0, 0, last.Id), (general.MentionCount, general.UnreadCount, general.LastReadId));
    }

    [Theory, AllDatabases]
    public async Task Editing_away_a_mention_removes_it(Db db)
    {
        var s = await ServerAsync(db);
        var message = await s.Owner.SendAsync(s.General, "@everyone oops");

        var edited = await (await s.Owner.Client.PatchAsJsonAsync($"/api/v1/channels/{s.General}/messages/{message.Id}", new { content = "never mind" }))
            .ReadAsync<Contracts.Messages.MessageResponse>();

        Assert.False(edited.MentionsEveryone);
        Assert.Equal(0, await MentionCountAsync(s.Boris, s.Server.Id, s.General));
    }

    [Theory, AllDatabases]
    public async Task In_a_group_anyone_may_mention_everyone_and_here_reaches_only_those_online(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db], "anna");
        var boris = await Person.RegisterAsync(apps[db], "boris");
        var vera = await Person.RegisterAsync(apps[db], "vera");
        var group = await anna.StartGroupAsync("Trip", boris, vera);
        var token = await apps[db].CreateBareClient().CreateTokenAsync(boris.Me.Username);
        await using var online = await HubClient.ConnectAsync(apps[db], token);

        var here = await anna.SendAsync(group.Id, "@here who is around?");
        var everyone = await vera.SendAsync(group.Id, "@everyone tickets");

        Assert.True(everyone.MentionsEveryone);
        Assert.False(here.MentionsEveryone);
        Assert.Equal([boris.Id], here.Mentions.Select(m => m.Id).ToList());
        Assert.Equal(2, (await boris.ChatAsync(group.Id)).MentionCount);
        Assert.Equal(1, (await anna.ChatAsync(group.Id)).MentionCount);
        Assert.Equal(0, (await vera.ChatAsync(group.Id)).MentionCount);
    }
}
