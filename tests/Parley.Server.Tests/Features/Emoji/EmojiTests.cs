using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Parley.Contracts.Messages;
using Parley.Contracts.Servers;
using Parley.Server.Tests.Features.Files;
using Parley.Server.Tests.Features.Servers;
using Parley.Server.Tests.Infrastructure;
using SkiaSharp;

namespace Parley.Server.Tests.Features.Emoji;

internal static class EmojiApi
{
    public static Task<HttpResponseMessage> UploadAssetAsync(this Person person, string serverId, string kind, string? name, byte[]? file, string? description = null)
    {
        var content = new MultipartFormDataContent();
        if (name is not null)
        {
            content.Add(new StringContent(name), "name");
        }

        if (description is not null)
        {
            content.Add(new StringContent(description), "description");
        }

        if (file is not null)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse("image/png");
            content.Add(part, "file", "picture.png");
        }

        return person.Client.PostAsync($"/api/v1/servers/{serverId}/{kind}", content);
    }

    public static async Task<CustomEmojiResponse> UploadEmojiAsync(this Person person, string serverId, string name, byte[]? file = null) =>
        await (await person.UploadAssetAsync(serverId, "emoji", name, file ?? Uploads.Png(40, 40))).ReadAsync<CustomEmojiResponse>();

    public static async Task<StickerResponse> UploadStickerAsync(this Person person, string serverId, string name, byte[]? file = null, string? description = null) =>
        await (await person.UploadAssetAsync(serverId, "stickers", name, file ?? Uploads.Png(64, 64), description)).ReadAsync<StickerResponse>();

    public static Task<HttpResponseMessage> SendStickerAsync(this Person person, string channelId, string stickerId, string content = "") =>
        person.Client.PostAsJsonAsync($"/api/v1/channels/{channelId}/messages", new SendMessageRequest(content, Guid.NewGuid().ToString("N"), null, StickerId: stickerId));

    public static async Task<(ServerResponse Server, string General, Person Member)> ServerWithMemberAsync(this Person owner, ParleyApp app, string name = "Emoji club")
    {
        var server = await owner.CreateServerAsync(name);
        var general = await owner.GeneralAsync(server.Id);
        var member = await Person.RegisterAsync(app);
        await member.JoinAsync((await owner.InviteAsync(general)).Code);
        return (server, general, member);
    }

    /// <summary>A 1x1 GIF with two frames (so it animates), written by hand: SkiaSharp cannot encode GIFs.</summary>
    public static byte[] AnimatedGif()
    {
        var bytes = new List<byte>();
        bytes.AddRange("GIF89a"u8.ToArray());
        bytes.AddRange([0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF]);
        bytes.AddRange([0x21, 0xFF, 0x0B, .. "NETSCAPE2.0"u8.ToArray(), 0x03, 0x01, 0x00, 0x00, 0x00]);
        for (var frame = 0; frame < 2; frame++)
        {
            bytes.AddRange([0x21, 0xF9, 0x04, 0x00, 0x0A, 0x00, 0x00, 0x00]);
            bytes.AddRange([0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
            bytes.AddRange(frame == 0 ? [0x02, 0x02, 0x44, 0x01, 0x00] : [0x02, 0x02, 0x4C, 0x01, 0x00]);
        }

        bytes.Add(0x3B);
        return [.. bytes];
    }
}

public sealed class EmojiTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task Members_hear_at_once_when_emoji_or_stickers_are_added_and_deleted_and_outsiders_do_not(Db db)
    {
        var app = apps[db];
        var anna = await Person.RegisterAsync(app);
        var (server, general, boris) = await anna.ServerWithMemberAsync(app);
        var outsider = await Person.RegisterAsync(app);
        await using var member = await HubClient.ConnectAsync(app, await app.CreateBareClient().CreateTokenAsync(boris.Me.Username));
        await using var stranger = await HubClient.ConnectAsync(app, await app.CreateBareClient().CreateTokenAsync(outsider.Me.Username));

        var emoji = await anna.UploadEmojiAsync(server.Id, "party");
        await member.WaitForAsync("EmojiChanged", e => e.Str("serverId") == server.Id);
        var sticker = await anna.UploadStickerAsync(server.Id, "wave");
        (await anna.Client.DeleteAsync($"/api/v1/servers/{server.Id}/emoji/{emoji.Id}")).EnsureSuccessStatusCode();
        (await anna.Client.DeleteAsync($"/api/v1/servers/{server.Id}/stickers/{sticker.Id}")).EnsureSuccessStatusCode();
        // Events reach a connection in the order they were published: once this message arrives, so have the four before it.
        (await anna.Client.PostAsJsonAsync($"/api/v1/channels/{general}/messages", new SendMessageRequest("sync", null, null))).EnsureSuccessStatusCode();
        await member.WaitForAsync("MessageCreated", e => e.Str("content") == "sync");

        Assert.Equal(4, member.All("EmojiChanged").Count(e => e.Str("serverId") == server.Id));
        Assert.Empty(stranger.All("EmojiChanged"));
    }

    [Theory, AllDatabases]
    public async Task An_owner_uploads_renames_and_deletes_an_emoji_and_members_see_the_list(Db db)
    {
        var app = apps[db];
        var anna = await Person.RegisterAsync(app);
        var (server, _, boris) = await anna.ServerWithMemberAsync(app);

        var emoji = await anna.UploadEmojiAsync(server.Id, "party_parrot", Uploads.Png(300, 150));
        var listed = await (await boris.Client.GetAsync($"/api/v1/servers/{server.Id}/emoji")).ReadAsync<List<CustomEmojiResponse>>();
        var image = await boris.Client.GetAsync(emoji.Url);
        var bytes = await image.Content.ReadAsByteArrayAsync();

        Assert.Equal(("party_parrot", server.Id, false, $"/api/v1/emoji/{emoji.Id}"), (emoji.Name, emoji.ServerId, emoji.Animated, emoji.Url));
        Assert.Equal(emoji.Id, Assert.Single(listed).Id);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", image.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("immutable", image.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        using (var decoded = SKBitmap.Decode(bytes))
        {
            Assert.Equal((128, 64), (decoded.Width, decoded.Height));
        }

        var renamed = await (await anna.Client.PatchAsJsonAsync($"/api/v1/servers/{server.Id}/emoji/{emoji.Id}", new RenameAssetRequest("parrot"))).ReadAsync<CustomEmojiResponse>();
        Assert.Equal(("parrot", emoji.Id), (renamed.Name, renamed.Id));

        Assert.Equal(HttpStatusCode.NoContent, (await anna.Client.DeleteAsync($"/api/v1/servers/{server.Id}/emoji/{emoji.Id}")).StatusCode);
        Assert.Empty(await (await boris.Client.GetAsync($"/api/v1/servers/{server.Id}/emoji")).ReadAsync<List<CustomEmojiResponse>>());
        await (await boris.Client.GetAsync(emoji.Url)).ProblemAsync(HttpStatusCode.NotFound);
        await (await anna.Client.DeleteAsync($"/api/v1/servers/{server.Id}/emoji/{emoji.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        var log = await (await anna.Client.GetAsync($"/api/v1/servers/{server.Id}/audit-log")).ReadAsync<List<AuditLogEntryResponse>>();
        Assert.Contains(log, e => e.Action == "emoji.create" && e.TargetId == emoji.Id && e.Details == "party_parrot");
        Assert.Contains(log, e => e.Action == "emoji.rename" && e.Details == "party_parrot -> parrot");
        Assert.Contains(log, e => e.Action == "emoji.delete" && e.TargetId == emoji.Id);
    }

    [Theory, AllDatabases]
    public async Task Strangers_get_404_members_without_manage_emoji_get_403_and_signed_out_get_401(Db db)
    {
        var app = apps[db];
        var anna = await Person.RegisterAsync(app);
        var stranger = await Person.RegisterAsync(app);
        var (server, _, boris) = await anna.ServerWithMemberAsync(app);
        var emoji = await anna.UploadEmojiAsync(server.Id, "wave");
        var sticker = await anna.UploadStickerAsync(server.Id, "hello");
        var signedOut = app.CreateBrowser();

        foreach (var kind in new[] { "emoji", "stickers" })
        {
            var itemId = kind == "emoji" ? emoji.Id : sticker.Id;
            await (await stranger.Client.GetAsync($"/api/v1/servers/{server.Id}/{kind}")).ProblemAsync(HttpStatusCode.NotFound);
            await (await stranger.UploadAssetAsync(server.Id, kind, "mine", Uploads.Png())).ProblemAsync(HttpStatusCode.NotFound);
            await (await stranger.Client.PatchAsJsonAsync($"/api/v1/servers/{server.Id}/{kind}/{itemId}", new RenameAssetRequest("mine"))).ProblemAsync(HttpStatusCode.NotFound);
            await (await stranger.Client.DeleteAsync($"/api/v1/servers/{server.Id}/{kind}/{itemId}")).ProblemAsync(HttpStatusCode.NotFound);

            await (await boris.UploadAssetAsync(server.Id, kind, "mine", Uploads.Png())).ProblemAsync(HttpStatusCode.Forbidden);
            await (await boris.Client.PatchAsJsonAsync($"/api/v1/servers/{server.Id}/{kind}/{itemId}", new RenameAssetRequest("mine"))).ProblemAsync(HttpStatusCode.Forbidden);
            await (await boris.Client.DeleteAsync($"/api/v1/servers/{server.Id}/{kind}/{itemId}")).ProblemAsync(HttpStatusCode.Forbidden);

            await (await signedOut.GetAsync($"/api/v1/servers/{server.Id}/{kind}")).ProblemAsync(HttpStatusCode.Unauthorized);
            await (await new Person(signedOut, anna.Me).UploadAssetAsync(server.Id, kind, "mine", Uploads.Png())).ProblemAsync(HttpStatusCode.Unauthorized);
            await (await signedOut.PatchAsJsonAsync($"/api/v1/servers/{server.Id}/{kind}/{itemId}", new RenameAssetRequest("mine"))).ProblemAsync(HttpStatusCode.Unauthorized);
            await (await signedOut.DeleteAsync($"/api/v1/servers/{server.Id}/{kind}/{itemId}")).ProblemAsync(HttpStatusCode.Unauthorized);
        }

        await (await signedOut.GetAsync(emoji.Url)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await signedOut.GetAsync(sticker.Url)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await stranger.Client.GetAsync(emoji.Url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stranger.Client.GetAsync(sticker.Url)).StatusCode);

        // Manage Emoji through a role is enough for both.
        var role = await anna.CreateRoleAsync(server.Id, "curators", Permission.ManageEmoji);
        await anna.GiveRolesAsync(server.Id, boris, role);
        await boris.UploadEmojiAsync(server.Id, "borisface");
        await boris.UploadStickerAsync(server.Id, "borissticker");
        (await boris.Client.PatchAsJsonAsync($"/api/v1/servers/{server.Id}/stickers/{sticker.Id}", new RenameAssetRequest("hi"))).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await boris.Client.DeleteAsync($"/api/v1/servers/{server.Id}/emoji/{emoji.Id}")).StatusCode);
    }

    [Theory, AllDatabases]
    public async Task Bad_names_types_sizes_duplicates_and_the_cap_are_refused(Db db)
    {
        var app = apps[db];
        var anna = await Person.RegisterAsync(app);
        var server = await anna.CreateServerAsync("Strict");
        var taken = await anna.UploadEmojiAsync(server.Id, "taken");
        await anna.UploadStickerAsync(server.Id, "taken");

        foreach (var kind in new[] { "emoji", "stickers" })
        {
            await (await anna.UploadAssetAsync(server.Id, kind, "a", Uploads.Png())).AssertFieldErrorsAsync("name");
            await (await anna.UploadAssetAsync(server.Id, kind, "has space", Uploads.Png())).AssertFieldErrorsAsync("name");
            await (await anna.UploadAssetAsync(server.Id, kind, new string('x', 33), Uploads.Png())).AssertFieldErrorsAsync("name");
            await (await anna.UploadAssetAsync(server.Id, kind, null, Uploads.Png())).AssertFieldErrorsAsync("name");
            await (await anna.UploadAssetAsync(server.Id, kind, "TAKEN", Uploads.Png())).AssertFieldErrorsAsync("name");
            await (await anna.UploadAssetAsync(server.Id, kind, "nofile", null)).AssertFieldErrorsAsync("file");
            await (await anna.UploadAssetAsync(server.Id, kind, "html", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"))).AssertFieldErrorsAsync("file");
            await (await anna.UploadAssetAsync(server.Id, kind, "jpeg", Uploads.Encode(20, 20, SKEncodedImageFormat.Jpeg))).AssertFieldErrorsAsync("file");
            await (await anna.Client.PostAsJsonAsync($"/api/v1/servers/{server.Id}/{kind}", new { name = "json" })).AssertFieldErrorsAsync("file");
        }

        var tooBigEmoji = new byte[(256 * 1024) + 1];
        Uploads.Png().CopyTo(tooBigEmoji, 0);
        await (await anna.UploadAssetAsync(server.Id, "emoji", "big", tooBigEmoji)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        var tooBigSticker = new byte[(512 * 1024) + 1];
        Uploads.Png().CopyTo(tooBigSticker, 0);
        await (await anna.UploadAssetAsync(server.Id, "stickers", "big", tooBigSticker)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await (await anna.UploadAssetAsync(server.Id, "stickers", "described", Uploads.Png(), new string('d', 101))).AssertFieldErrorsAsync("description");

        var other = await anna.UploadEmojiAsync(server.Id, "other");
        await (await anna.Client.PatchAsJsonAsync($"/api/v1/servers/{server.Id}/emoji/{other.Id}", new RenameAssetRequest("Taken"))).AssertFieldErrorsAsync("name");
        await (await anna.Client.PatchAsJsonAsync($"/api/v1/servers/{server.Id}/emoji/{other.Id}", new RenameAssetRequest("no-dashes"))).AssertFieldErrorsAsync("name");
        await (await anna.Client.PatchAsJsonAsync($"/api/v1/servers/{server.Id}/emoji/{other.Id}", new RenameAssetRequest(null))).AssertFieldErrorsAsync("name");
        await (await anna.Client.PatchAsJsonAsync($"/api/v1/servers/{server.Id}/emoji/123", new RenameAssetRequest("fine"))).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("taken", taken.Name);

        for (var i = 0; i < 19; i++)
        {
            await anna.UploadStickerAsync(server.Id, $"sticker_{i}", Uploads.Png(4, 4));
        }

        var full = await (await anna.UploadAssetAsync(server.Id, "stickers", "one_more", Uploads.Png(4, 4))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("20", full.GetProperty("title").GetString()!, StringComparison.Ordinal);
        for (var i = 0; i < 48; i++)
        {
            await anna.UploadEmojiAsync(server.Id, $"emoji_{i}", Uploads.Png(4, 4));
        }

        await (await anna.UploadAssetAsync(server.Id, "emoji", "one_more", Uploads.Png(4, 4))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(50, await app.WithDbAsync(d => d.CustomEmoji.CountAsync(e => e.ServerId == long.Parse(server.Id, System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Theory, AllDatabases]
    public async Task Members_react_with_custom_emoji_of_their_servers_and_unicode_still_works(Db db)
    {
        var app = apps[db];
        var anna = await Person.RegisterAsync(app);
        var (server, general, boris) = await anna.ServerWithMemberAsync(app);
        var emoji = await anna.UploadEmojiAsync(server.Id, "blob");
        var (elsewhere, _, _) = await anna.ServerWithMemberAsync(app, "Elsewhere");
        var foreign = await anna.UploadEmojiAsync(elsewhere.Id, "foreign");
        var message = await anna.SendAsync(general, $"look <:blob:{emoji.Id}>");
        var reactions = $"/api/v1/channels/{general}/messages/{message.Id}/reactions";

        Assert.Equal(HttpStatusCode.NoContent, (await boris.Client.PutAsync($"{reactions}/blob:{emoji.Id}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await anna.Client.PutAsync($"{reactions}/blob:{emoji.Id}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await boris.Client.PutAsync($"{reactions}/{Uri.EscapeDataString("👍")}", null)).StatusCode);
        // Anna is in the other server, so she may use its emoji here too; Boris is not, so he may not.
        Assert.Equal(HttpStatusCode.NoContent, (await anna.Client.PutAsync($"{reactions}/foreign:{foreign.Id}", null)).StatusCode);
        await (await boris.Client.PutAsync($"{reactions}/foreign:{foreign.Id}", null)).AssertFieldErrorsAsync("emoji");
        await (await boris.Client.PutAsync($"{reactions}/ghost:999999", null)).AssertFieldErrorsAsync("emoji");
        await (await boris.Client.PutAsync($"{reactions}/bad-name:{emoji.Id}", null)).AssertFieldErrorsAsync("emoji");

        // After a rename, reacting under the new name joins the same reaction.
        (await anna.Client.PatchAsJsonAsync($"/api/v1/servers/{server.Id}/emoji/{emoji.Id}", new RenameAssetRequest("blobby"))).EnsureSuccessStatusCode();
        var carol = await Person.RegisterAsync(app);
        await carol.JoinAsync((await anna.InviteAsync(general)).Code);
        Assert.Equal(HttpStatusCode.NoContent, (await carol.Client.PutAsync($"{reactions}/blobby:{emoji.Id}", null)).StatusCode);

        var seen = (await boris.HistoryAsync(general)).Single(m => m.Id == message.Id);
        Assert.Equal($"look <:blob:{emoji.Id}>", seen.Content);
        Assert.Equal(3, seen.Reactions.Single(r => r.Emoji == $"blob:{emoji.Id}").Count);
        Assert.Contains(seen.Reactions, r => r.Emoji == "👍");
        Assert.Contains(seen.Reactions, r => r.Emoji == $"foreign:{foreign.Id}");
        Assert.Equal(HttpStatusCode.NoContent, (await boris.Client.DeleteAsync($"{reactions}/blob:{emoji.Id}")).StatusCode);
    }

    [Theory, AllDatabases]
    public async Task Stickers_are_sent_as_messages_where_they_belong(Db db)
    {
        var app = apps[db];
        var anna = await Person.RegisterAsync(app);
        var (server, general, boris) = await anna.ServerWithMemberAsync(app);
        var sticker = await anna.UploadStickerAsync(server.Id, "wave_hello", Uploads.Png(640, 320), "A waving hand");
        var (elsewhere, elsewhereGeneral, _) = await anna.ServerWithMemberAsync(app, "Elsewhere");
        var foreign = await anna.UploadStickerAsync(elsewhere.Id, "foreign");
        var listed = await (await boris.Client.GetAsync($"/api/v1/servers/{server.Id}/stickers")).ReadAsync<List<StickerResponse>>();

        Assert.Equal(("wave_hello", "A waving hand", 320, 160), (sticker.Name, sticker.Description, sticker.Width, sticker.Height));
        Assert.Equal($"/api/v1/stickers/{sticker.Id}/image", sticker.Url);
        Assert.Equal(sticker.Id, Assert.Single(listed).Id);

        var sent = await (await boris.SendStickerAsync(general, sticker.Id)).ReadAsync<MessageResponse>();
        Assert.Equal(("", sticker.Id, "wave_hello"), (sent.Content, sent.Sticker!.Id, sent.Sticker.Name));
        var history = await anna.HistoryAsync(general);
        Assert.Equal(sticker.Id, history.Single(m => m.Id == sent.Id).Sticker!.Id);

        // Another server's sticker is refused in this server's channel, but fine in a direct chat with someone in it.
        await (await anna.SendStickerAsync(general, foreign.Id)).AssertFieldErrorsAsync("stickerId");
        await (await anna.SendStickerAsync(elsewhereGeneral, foreign.Id)).ReadAsync<MessageResponse>();
        await anna.BefriendAsync(boris);
        var direct = await boris.StartChatAsync(anna);
        await (await anna.SendStickerAsync(direct.Id, foreign.Id)).ReadAsync<MessageResponse>();
        await (await boris.SendStickerAsync(direct.Id, sticker.Id)).ReadAsync<MessageResponse>();
        await (await boris.SendStickerAsync(direct.Id, foreign.Id)).AssertFieldErrorsAsync("stickerId");
        await (await boris.SendStickerAsync(direct.Id, "999999")).AssertFieldErrorsAsync("stickerId");
        await (await boris.SendStickerAsync(direct.Id, "nope")).AssertFieldErrorsAsync("stickerId");
        await (await boris.Client.PostAsJsonAsync($"/api/v1/channels/{direct.Id}/messages", new SendMessageRequest("", null, null))).AssertFieldErrorsAsync("content");

        // Deleting the sticker leaves the messages, without it.
        Assert.Equal(HttpStatusCode.NoContent, (await anna.Client.DeleteAsync($"/api/v1/servers/{server.Id}/stickers/{sticker.Id}")).StatusCode);
        Assert.Null((await anna.HistoryAsync(general)).Single(m => m.Id == sent.Id).Sticker);
        var log = await (await anna.Client.GetAsync($"/api/v1/servers/{server.Id}/audit-log")).ReadAsync<List<AuditLogEntryResponse>>();
        Assert.Contains(log, e => e.Action == "sticker.create" && e.TargetId == sticker.Id);
        Assert.Contains(log, e => e.Action == "sticker.delete" && e.TargetId == sticker.Id);
    }
}

public sealed class EmojiStorageTests(StorageApps apps) : IClassFixture<StorageApps>
{
    [Theory, AllStorages]
    public async Task Pictures_are_stored_and_served_and_animated_gifs_keep_animating(Storage storage)
    {
        var app = apps[storage];
        var anna = await Person.RegisterAsync(app);
        var server = await anna.CreateServerAsync("Stored");
        var gif = EmojiApi.AnimatedGif();

        var animated = await anna.UploadEmojiAsync(server.Id, "spinner", gif);
        var still = await anna.UploadEmojiAsync(server.Id, "still", Uploads.Encode(200, 200, SKEncodedImageFormat.Webp));
        var sticker = await anna.UploadStickerAsync(server.Id, "moving", gif);
        var gifResponse = await anna.Client.GetAsync(animated.Url);
        var stillResponse = await anna.Client.GetAsync(still.Url);
        var stickerResponse = await anna.Client.GetAsync(sticker.Url);

        Assert.True(animated.Animated);
        Assert.False(still.Animated);
        Assert.Equal("image/gif", gifResponse.Content.Headers.ContentType!.MediaType);
        Assert.Equal(gif, await gifResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/webp", stillResponse.Content.Headers.ContentType!.MediaType);
        using (var decoded = SKBitmap.Decode(await stillResponse.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal((128, 128), (decoded.Width, decoded.Height));
        }

        Assert.Equal("nosniff", stickerResponse.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(gif, await stickerResponse.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await anna.Client.DeleteAsync($"/api/v1/servers/{server.Id}/emoji/{animated.Id}")).StatusCode);
        await (await anna.Client.GetAsync(animated.Url)).ProblemAsync(HttpStatusCode.NotFound);
    }
}
