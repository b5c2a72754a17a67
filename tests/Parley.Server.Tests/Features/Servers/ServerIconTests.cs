using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts.Servers;
using Parley.Server.Tests.Features.Files;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Servers;

public sealed class ServerIconTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task The_icon_is_set_cropped_stripped_seen_by_members_and_invitees_and_removed(Db db)
    {
        var app = apps[db];
        var anna = await Person.RegisterAsync(app);
        var boris = await Person.RegisterAsync(app);
        var stranger = await Person.RegisterAsync(app);
        var server = await anna.CreateServerAsync("Chess club");
        var invite = await anna.InviteAsync(await anna.GeneralAsync(server.Id));
        await boris.JoinAsync(invite.Code);
        var token = await app.CreateBareClient().CreateTokenAsync(boris.Me.Username);
        await using var hub = await HubClient.ConnectAsync(app, token);
        var serverUpdated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = hub.Connection.On<JsonElement>("ServerUpdated", e =>
        {
            if (e.Str("serverId") == server.Id)
            {
                serverUpdated.TrySetResult();
            }
        });

        var updated = await (await anna.UploadAsync(Uploads.JpegWithGps("PARLEY-SECRET-PLACE"), "icon.jpg", url: $"/api/v1/servers/{server.Id}/icon", method: HttpMethod.Put))
            .ReadAsync<ServerResponse>();

        Assert.NotNull(updated.IconUrl);
        await serverUpdated.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var small = await boris.Client.GetByteArrayAsync(updated.IconUrl + "&size=64");
        var large = await boris.Client.GetByteArrayAsync(updated.IconUrl + "&size=256");
        using (var smallImage = SkiaSharp.SKBitmap.Decode(small))
        using (var largeImage = SkiaSharp.SKBitmap.Decode(large))
        {
            Assert.Equal((64, 64), (smallImage.Width, smallImage.Height));
            Assert.Equal((256, 256), (largeImage.Width, largeImage.Height));
        }

        Assert.DoesNotContain("PARLEY-SECRET-PLACE", Encoding.Latin1.GetString(large), StringComparison.Ordinal);
        Assert.Equal(updated.IconUrl, (await (await boris.Client.GetAsync("/api/v1/users/me/servers")).ReadAsync<List<ServerResponse>>()).Single(s => s.Id == server.Id).IconUrl);
        Assert.Equal(updated.IconUrl, (await (await boris.Client.GetAsync($"/api/v1/servers/{server.Id}")).ReadAsync<ServerResponse>()).IconUrl);

        // Someone holding an invite sees the icon in the preview, even signed out; without the invite, nobody else does.
        var signedOut = app.CreateBrowser();
        var preview = await (await signedOut.GetAsync($"/api/v1/invites/{invite.Code}")).ReadAsync<InviteResponse>();
        Assert.NotNull(preview.ServerIconUrl);
        Assert.Equal(HttpStatusCode.OK, (await signedOut.GetAsync(preview.ServerIconUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stranger.Client.GetAsync(preview.ServerIconUrl)).StatusCode);
        await (await stranger.Client.GetAsync(updated.IconUrl)).ProblemAsync(HttpStatusCode.NotFound);
        await (await signedOut.GetAsync(updated.IconUrl)).ProblemAsync(HttpStatusCode.NotFound);
        await (await signedOut.GetAsync($"/api/v1/servers/{server.Id}/icon?invite=nope")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NoContent, (await anna.Client.DeleteAsync($"/api/v1/invites/{invite.Code}")).StatusCode);
        await (await signedOut.GetAsync(preview.ServerIconUrl)).ProblemAsync(HttpStatusCode.NotFound);

        var removed = await (await anna.Client.DeleteAsync($"/api/v1/servers/{server.Id}/icon")).ReadAsync<ServerResponse>();
        Assert.Null(removed.IconUrl);
        await (await boris.Client.GetAsync($"/api/v1/servers/{server.Id}/icon")).ProblemAsync(HttpStatusCode.NotFound);
        var log = await (await anna.Client.GetAsync($"/api/v1/servers/{server.Id}/audit-log")).ReadAsync<List<AuditLogEntryResponse>>();
        Assert.Contains(log, e => e.Action == "server.icon" && e.Actor.Id == anna.Id);
        Assert.Contains(log, e => e.Action == "server.icon.remove" && e.Actor.Id == anna.Id);
    }

    [Theory, AllDatabases]
    public async Task Setting_or_removing_the_icon_needs_sign_in_membership_manage_server_and_a_picture(Db db)
    {
        var app = apps[db];
        var anna = await Person.RegisterAsync(app);
        var boris = await Person.RegisterAsync(app);
        var carol = await Person.RegisterAsync(app);
        var stranger = await Person.RegisterAsync(app);
        var server = await anna.CreateServerAsync();
        var general = await anna.GeneralAsync(server.Id);
        await boris.JoinAsync((await anna.InviteAsync(general)).Code);
        await carol.JoinAsync((await anna.InviteAsync(general)).Code);
        var managers = await anna.CreateRoleAsync(server.Id, "Managers", Permission.ManageServer);
        await anna.GiveRolesAsync(server.Id, carol, managers);
        var url = $"/api/v1/servers/{server.Id}/icon";

        await (await app.CreateBrowser().DeleteAsync(url)).ProblemAsync(HttpStatusCode.Unauthorized);
        using (var content = new MultipartFormDataContent { { new ByteArrayContent(Uploads.Png()), "file", "icon.png" } })
        {
            await (await app.CreateBrowser().PutAsync(url, content)).ProblemAsync(HttpStatusCode.Unauthorized);
        }

        await (await stranger.UploadAsync(Uploads.Png(), "icon.png", url: url, method: HttpMethod.Put)).ProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.DeleteAsync(url)).ProblemAsync(HttpStatusCode.NotFound);
        await (await boris.UploadAsync(Uploads.Png(), "icon.png", url: url, method: HttpMethod.Put)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await boris.Client.DeleteAsync(url)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await carol.UploadAsync(Encoding.UTF8.GetBytes("<svg/>"), "icon.svg", url: url, method: HttpMethod.Put)).AssertFieldErrorsAsync("file");
        await (await carol.Client.PutAsJsonAsync(url, new { file = "x" })).AssertFieldErrorsAsync("file");
        await (await app.CreateBrowser().GetAsync($"/api/v1/servers/{server.Id}/icon")).ProblemAsync(HttpStatusCode.NotFound);

        // Manage Server is enough: a manager who is not the owner sets and removes it.
        var set = await (await carol.UploadAsync(Uploads.Png(300, 200), "icon.png", url: url, method: HttpMethod.Put)).ReadAsync<ServerResponse>();
        Assert.NotNull(set.IconUrl);
        Assert.Null((await (await carol.Client.DeleteAsync(url)).ReadAsync<ServerResponse>()).IconUrl);
    }
}
