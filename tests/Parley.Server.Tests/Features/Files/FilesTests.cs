using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts.Files;
using Parley.Contracts.Messages;
using Parley.Contracts.Users;
using Parley.Server.Features.Files;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Files;

public sealed class UploadTests(StorageApps apps) : IClassFixture<StorageApps>
{
    [Theory, AllStorages]
    public async Task An_image_upload_records_its_size_makes_a_thumbnail_and_is_served_inline(Storage storage)
    {
        var anna = await Person.RegisterAsync(apps[storage]);

        var uploaded = await anna.UploadOkAsync(Uploads.Png(40, 30), "holiday.png");
        var download = await anna.Client.GetAsync(uploaded.Url);
        var thumbnail = await anna.Client.GetAsync(uploaded.ThumbnailUrl!);

        Assert.Equal(("holiday.png", "image/png", 40, 30), (uploaded.FileName, uploaded.ContentType, uploaded.Width!.Value, uploaded.Height!.Value));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/png", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.StartsWith("sandbox", download.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("image/webp", thumbnail.Content.Headers.ContentType!.MediaType);
    }

    [Theory, AllStorages]
    public async Task A_png_that_is_really_html_is_not_served_as_an_image(Storage storage)
    {
        var anna = await Person.RegisterAsync(apps[storage]);

        var uploaded = await anna.UploadOkAsync(Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "cat.png");
        var download = await anna.Client.GetAsync(uploaded.Url);

        Assert.Equal("application/octet-stream", uploaded.ContentType);
        Assert.Null(uploaded.ThumbnailUrl);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
    }

    [Theory, AllStorages]
    public async Task Html_and_svg_with_script_are_served_as_sandboxed_downloads(Storage storage)
    {
        var anna = await Person.RegisterAsync(apps[storage]);
        var files = new Dictionary<string, string>
        {
            ["page.html"] = "<!doctype html><html><body><script>fetch('/api/v1/users/me')</script></body></html>",
            ["logo.svg"] = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.cookie)</script></svg>",
        };

        foreach (var (name, text) in files)
        {
            var uploaded = await anna.UploadOkAsync(Encoding.UTF8.GetBytes(text), name);
            var download = await anna.Client.GetAsync(uploaded.Url);

            Assert.Equal("application/octet-stream", download.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal(name, download.Content.Headers.ContentDisposition.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName?.Trim('"'));
            Assert.StartsWith("sandbox", download.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }
    }

    [Theory, AllStorages]
    public async Task A_jpeg_comes_back_without_its_exif_and_gps(Storage storage)
    {
        var anna = await Person.RegisterAsync(apps[storage]);
        var original = Uploads.JpegWithGps("PARLEY-SECRET-PLACE");
        Assert.Contains("PARLEY-SECRET-PLACE", Encoding.ASCII.GetString(original), StringComparison.Ordinal);

        var uploaded = await anna.UploadOkAsync(original, "photo.jpg");
        var served = await anna.Client.GetByteArrayAsync(uploaded.Url);

        Assert.Equal("image/jpeg", uploaded.ContentType);
        Assert.DoesNotContain("PARLEY-SECRET-PLACE", Encoding.ASCII.GetString(served), StringComparison.Ordinal);
        Assert.DoesNotContain("Exif", Encoding.ASCII.GetString(served), StringComparison.Ordinal);
        Assert.Equal([0xFF, 0xD8], served.Take(2));
    }

    [Theory, AllStorages]
    public async Task A_file_over_the_limit_gets_413_and_nothing_is_stored(Storage storage)
    {
        var app = apps[storage];
        var anna = await Person.RegisterAsync(app);
        var me = long.Parse(anna.Id, System.Globalization.CultureInfo.InvariantCulture);

        var response = await anna.UploadAsync(new byte[StorageApps.MaxUpload + 1], "big.bin");

        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await app.WithDbAsync(d => d.Attachments.CountAsync(a => a.UploaderId == me)));
    }

    [Theory, AllStorages]
    public async Task Going_over_the_quota_gets_413_with_a_clear_message(Storage storage)
    {
        var anna = await Person.RegisterAsync(apps[storage]);
        await anna.UploadOkAsync(new byte[250 * 1024], "a.bin");
        await anna.UploadOkAsync(new byte[250 * 1024], "b.bin");

        var problem = await (await anna.UploadAsync(new byte[250 * 1024], "c.bin")).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("storage", problem.GetProperty("title").GetString()!, StringComparison.OrdinalIgnoreCase);
    }

    [Theory, AllStorages]
    public async Task Bad_uploads_are_named_and_strangers_are_refused(Storage storage)
    {
        var anna = await Person.RegisterAsync(apps[storage]);

        await (await anna.Client.PostAsJsonAsync("/api/v1/attachments", new { file = "nope" })).AssertFieldErrorsAsync("file");
        await (await anna.UploadAsync([], "empty.txt")).AssertFieldErrorsAsync("file");
        var anonymous = new Person(apps[storage].CreateBrowser(), anna.Me);
        await (await anonymous.UploadAsync([1, 2, 3], "x.bin")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory, AllStorages]
    public async Task Audio_and_video_answer_range_requests(Storage storage)
    {
        var anna = await Person.RegisterAsync(apps[storage]);
        var mp4 = new byte[100_000];
        "\0\0\0\u0018ftypmp42"u8.CopyTo(mp4);
        for (var i = 16; i < mp4.Length; i++)
        {
            mp4[i] = (byte)(i % 251);
        }

        var uploaded = await anna.UploadOkAsync(mp4, "clip.mp4");
        var request = new HttpRequestMessage(HttpMethod.Get, uploaded.Url);
        request.Headers.Range = new RangeHeaderValue(50_000, 50_009);
        var response = await anna.Client.SendAsync(request);

        Assert.Equal("video/mp4", uploaded.ContentType);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(mp4.Skip(50_000).Take(10), await response.Content.ReadAsByteArrayAsync());
    }
}

public sealed class AttachmentAccessTests(StorageApps apps) : IClassFixture<StorageApps>
{
    [Theory, AllStorages]
    public async Task Only_people_who_can_read_the_chat_can_download_its_files(Storage storage)
    {
        var app = apps[storage];
        var anna = await Person.RegisterAsync(app);
        var boris = await Person.RegisterAsync(app);
        var stranger = await Person.RegisterAsync(app);
        var chat = await anna.StartChatAsync(boris);
        var uploaded = await anna.UploadOkAsync(Uploads.Png(), "plan.png");

        await (await boris.Client.GetAsync(uploaded.Url)).ProblemAsync(HttpStatusCode.NotFound);
        var message = await (await anna.Client.PostAsJsonAsync($"/api/v1/channels/{chat.Id}/messages", new SendMessageRequest("see attached", "n-" + Guid.NewGuid(), null, [uploaded.Id])))
            .ReadAsync<MessageResponse>();

        Assert.Equal(uploaded.Id, Assert.Single(message.Attachments).Id);
        Assert.Equal(HttpStatusCode.OK, (await boris.Client.GetAsync(uploaded.Url)).StatusCode);
        await (await stranger.Client.GetAsync(uploaded.Url)).ProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.GetAsync(uploaded.ThumbnailUrl!)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(uploaded.Id, (await boris.HistoryAsync(chat.Id)).Single().Attachments.Single().Id);
    }

    [Theory, AllStorages]
    public async Task A_message_may_carry_files_without_text_but_only_your_own_unsent_ones_and_at_most_ten(Storage storage)
    {
        var app = apps[storage];
        var anna = await Person.RegisterAsync(app);
        var boris = await Person.RegisterAsync(app);
        var chat = await anna.StartChatAsync(boris);
        var borisFile = await boris.UploadOkAsync([1, 2, 3], "boris.bin");
        var annaFile = await anna.UploadOkAsync([4, 5, 6], "anna.bin");

        var onlyFile = await (await anna.Client.PostAsJsonAsync($"/api/v1/channels/{chat.Id}/messages", new SendMessageRequest(null, null, null, [annaFile.Id]))).ReadAsync<MessageResponse>();
        Assert.Equal("", onlyFile.Content);
        await (await anna.Client.PostAsJsonAsync($"/api/v1/channels/{chat.Id}/messages", new SendMessageRequest(null, null, null, [annaFile.Id]))).AssertFieldErrorsAsync("attachmentIds");
        await (await anna.Client.PostAsJsonAsync($"/api/v1/channels/{chat.Id}/messages", new SendMessageRequest("hi", null, null, [borisFile.Id]))).AssertFieldErrorsAsync("attachmentIds");
        var eleven = Enumerable.Range(1, 11).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        await (await anna.Client.PostAsJsonAsync($"/api/v1/channels/{chat.Id}/messages", new SendMessageRequest("hi", null, null, eleven))).AssertFieldErrorsAsync("attachmentIds");
    }

    [Theory, AllStorages]
    public async Task Deleting_a_message_deletes_its_files(Storage storage)
    {
        var app = apps[storage];
        var anna = await Person.RegisterAsync(app);
        var chat = await anna.StartChatAsync(await Person.RegisterAsync(app));
        var uploaded = await anna.UploadOkAsync(Uploads.Png(), "gone.png");
        var message = await (await anna.Client.PostAsJsonAsync($"/api/v1/channels/{chat.Id}/messages", new SendMessageRequest("bye", null, null, [uploaded.Id]))).ReadAsync<MessageResponse>();

        (await anna.Client.DeleteAsync($"/api/v1/channels/{chat.Id}/messages/{message.Id}")).EnsureSuccessStatusCode();

        await (await anna.Client.GetAsync(uploaded.Url)).ProblemAsync(HttpStatusCode.NotFound);
        var store = app.Services.GetRequiredService<Parley.Server.Infrastructure.Storage.IFileStore>();
        Assert.Null(await store.OpenReadAsync($"attachments/{uploaded.Id}/original", CancellationToken.None));
    }

    [Theory, AllStorages]
    public async Task Uploads_never_sent_are_swept_after_a_day(Storage storage)
    {
        var app = apps[storage];
        var anna = await Person.RegisterAsync(app);
        var fresh = await anna.UploadOkAsync([7, 7, 7], "fresh.bin");
        var staleId = Parley.Data.IdGenerator.MinIdAt(TimeProvider.System.GetUtcNow().AddDays(-2)) + 1;
        var store = app.Services.GetRequiredService<Parley.Server.Infrastructure.Storage.IFileStore>();
        await store.PutAsync($"attachments/{staleId}/original", new MemoryStream([1]), "application/octet-stream", CancellationToken.None);
        await app.WithDbAsync(async d =>
        {
            d.Attachments.Add(new Parley.Data.Files.Attachment
            {
                Id = staleId,
                UploaderId = long.Parse(anna.Id, System.Globalization.CultureInfo.InvariantCulture),
                FileName = "old.bin",
                ContentType = "application/octet-stream",
                Size = 1,
                StorageKey = $"attachments/{staleId}/original",
                CreatedAt = TimeProvider.System.GetUtcNow().AddDays(-2),
            });
            return await d.SaveChangesAsync();
        });

        var swept = await app.Services.GetRequiredService<AttachmentCleanup>().SweepAsync(CancellationToken.None);

        Assert.True(swept >= 1);
        Assert.False(await app.WithDbAsync(d => d.Attachments.AnyAsync(a => a.Id == staleId)));
        Assert.Null(await store.OpenReadAsync($"attachments/{staleId}/original", CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, (await anna.Client.GetAsync(fresh.Url)).StatusCode);
    }
}

public sealed class AvatarTests(StorageApps apps) : IClassFixture<StorageApps>
{
    [Theory, AllStorages]
    public async Task An_avatar_is_cropped_square_and_served_in_sizes(Storage storage)
    {
        var anna = await Person.RegisterAsync(apps[storage]);
        var boris = await Person.RegisterAsync(apps[storage]);

        var me = await (await anna.UploadAsync(Uploads.Png(300, 200), "me.png", url: "/api/v1/users/me/avatar", method: HttpMethod.Put)).ReadAsync<MeResponse>();
        var small = await boris.Client.GetByteArrayAsync(me.AvatarUrl + "&size=64");
        var large = await boris.Client.GetByteArrayAsync(me.AvatarUrl + "&size=256");

        using var smallImage = SkiaSharp.SKBitmap.Decode(small);
        using var largeImage = SkiaSharp.SKBitmap.Decode(large);
        Assert.Equal((64, 64), (smallImage.Width, smallImage.Height));
        Assert.Equal((256, 256), (largeImage.Width, largeImage.Height));
        Assert.Equal(me.AvatarUrl, (await boris.Client.GetFromJsonAsync<PublicUser>($"/api/v1/users/{anna.Id}"))!.AvatarUrl);

        var removed = await (await anna.Client.DeleteAsync("/api/v1/users/me/avatar")).ReadAsync<MeResponse>();
        Assert.Null(removed.AvatarUrl);
        await (await boris.Client.GetAsync($"/api/v1/users/{anna.Id}/avatar")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, AllStorages]
    public async Task A_non_image_avatar_is_refused(Storage storage)
    {
        var anna = await Person.RegisterAsync(apps[storage]);
        var response = await anna.UploadAsync(Encoding.UTF8.GetBytes("<svg/>"), "me.svg", url: "/api/v1/users/me/avatar", method: HttpMethod.Put);
        await response.AssertFieldErrorsAsync("file");
    }

    [Theory, AllStorages]
    public async Task Only_a_groups_owner_sets_its_picture_and_only_members_see_it(Storage storage)
    {
        var app = apps[storage];
        var anna = await Person.RegisterAsync(app);
        var boris = await Person.RegisterAsync(app);
        var stranger = await Person.RegisterAsync(app);
        var group = await anna.StartGroupAsync("Team", boris, await Person.RegisterAsync(app));

        await (await boris.UploadAsync(Uploads.Png(), "g.png", url: $"/api/v1/channels/{group.Id}/icon", method: HttpMethod.Put)).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await anna.UploadAsync(Uploads.Png(), "g.png", url: $"/api/v1/channels/{group.Id}/icon", method: HttpMethod.Put)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await boris.Client.GetAsync($"/api/v1/channels/{group.Id}/icon")).StatusCode);
        await (await stranger.Client.GetAsync($"/api/v1/channels/{group.Id}/icon")).ProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class FileTypesTests
{
    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "image/png")]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 }, "image/gif")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D }, "application/pdf")]
    [InlineData(new byte[] { 0x3C, 0x73, 0x76, 0x67 }, "application/octet-stream")]
    [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C }, "application/octet-stream")]
    public void The_type_comes_from_the_bytes(byte[] head, string expected) => Assert.Equal(expected, FileTypes.Sniff(head));

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\a\\photo.jpg", "photo.jpg")]
    [InlineData("a\"b<c>.txt", "abc.txt")]
    [InlineData("", "file")]
    public void File_names_lose_paths_and_dangerous_characters(string name, string expected) => Assert.Equal(expected, FileTypes.CleanFileName(name));

    [Fact]
    public void Only_media_types_show_inline()
    {
        Assert.True(FileTypes.MayShowInline("image/png"));
        Assert.True(FileTypes.MayShowInline("video/mp4"));
        Assert.False(FileTypes.MayShowInline("application/pdf"));
        Assert.False(FileTypes.MayShowInline("image/svg+xml"));
        Assert.False(FileTypes.MayShowInline("text/html"));
    }
}
