using System.Net;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Files;

public sealed class GroupIconTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task A_group_picture_shows_in_the_chat_list_is_announced_and_only_the_owner_removes_it(Db db)
    {
        var app = apps[db];
        var anna = await Person.RegisterAsync(app);
        var boris = await Person.RegisterAsync(app);
        var group = await anna.StartGroupAsync("Team", boris, await Person.RegisterAsync(app));
        var url = $"/api/v1/channels/{group.Id}/icon";
        Assert.Null(group.IconUrl);
        var token = await app.CreateBareClient().CreateTokenAsync(boris.Me.Username);
        await using var hub = await HubClient.ConnectAsync(app, token);

        Assert.Equal(HttpStatusCode.NoContent, (await anna.UploadAsync(Uploads.Png(), "g.png", url: url, method: HttpMethod.Put)).StatusCode);
        await hub.WaitForAsync("ChannelUpdated", e => e.Str("channelId") == group.Id);
        var seen = await boris.ChatAsync(group.Id);
        Assert.StartsWith($"{url}?v=", seen.IconUrl, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await boris.Client.GetAsync(seen.IconUrl + "&size=64")).StatusCode);

        await (await app.CreateBrowser().DeleteAsync(url)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await boris.Client.DeleteAsync(url)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await (await Person.RegisterAsync(app)).Client.DeleteAsync(url)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NoContent, (await anna.Client.DeleteAsync(url)).StatusCode);
        Assert.Null((await boris.ChatAsync(group.Id)).IconUrl);
        await (await boris.Client.GetAsync(url)).ProblemAsync(HttpStatusCode.NotFound);
    }
}
