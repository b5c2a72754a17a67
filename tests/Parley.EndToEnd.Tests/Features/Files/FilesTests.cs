using System.Text;
using System.Text.RegularExpressions;
using Parley.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.EndToEnd.Tests.Features.Files;

/// <summary>Files in chats: dropped and pasted into the composer, uploaded with progress, seen and downloaded by the other person.</summary>
public sealed partial class FilesTests(AppFixture app, ITestOutputHelper output) : EndToEndTest(app, output)
{
    private const string FileName = "notes.txt";
    private const string FileText = "Parley end-to-end file: hello, привет!\n";

    [Theory]
    [InlineData(Viewport.Desktop)]
    [InlineData(Viewport.Phone)]
    public Task A_dropped_file_and_a_pasted_picture_reach_the_other_person(Viewport viewport) => RunAsync(viewport, async anna =>
    {
        var annaUser = TestUser.Create("fa");
        var borisUser = await App.RegisterThroughApiAsync(TestUser.Create("fb"));
        await Ui.RegisterAsync(anna, annaUser);
        var boris = await OpenPageAsync(viewport, "boris");
        await Ui.SignInAsync(boris, borisUser);

        // Anna opens the direct chat with Boris.
        await anna.GetByTestId("chat-search").FillAsync(borisUser.Username);
        await anna.GetByTestId("person-result").Filter(new() { HasText = borisUser.DisplayName }).First.ClickAsync();
        await Expect(anna).ToHaveURLAsync(ChatUrl());
        await Expect(anna.GetByTestId("composer-input")).ToBeVisibleAsync();
        // The message list appears once the (empty) history has loaded; the drag goes onto it.
        await Expect(anna.GetByTestId("message-list")).ToBeVisibleAsync();

        // She drags a file over the conversation: the drop overlay shows; she drops it.
        await anna.EvaluateAsync(
            """
            () => {
              const dt = new DataTransfer();
              dt.items.add(new File(["x"], "probe.txt", { type: "text/plain" }));
              document.querySelector('[data-testid="message-list"]').dispatchEvent(new DragEvent("dragenter", { bubbles: true, cancelable: true, dataTransfer: dt }));
            }
            """);
        await Expect(anna.GetByTestId("drop-overlay")).ToBeVisibleAsync();
        await ScreenshotAsync(anna, "drop-overlay");
        await anna.EvaluateAsync(
            """
            ([name, text]) => {
              const dt = new DataTransfer();
              dt.items.add(new File([text], name, { type: "text/plain" }));
              const target = document.querySelector('[data-testid="message-list"]');
              target.dispatchEvent(new DragEvent("dragover", { bubbles: true, cancelable: true, dataTransfer: dt }));
              target.dispatchEvent(new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer: dt }));
            }
            """,
            new[] { FileName, FileText });
        await Expect(anna.GetByTestId("drop-overlay")).ToHaveCountAsync(0);

        // Then she pastes a picture from the clipboard into the text box.
        await anna.EvaluateAsync(
            """
            async () => {
              const canvas = document.createElement("canvas");
              canvas.width = 320;
              canvas.height = 200;
              const ctx = canvas.getContext("2d");
              ctx.fillStyle = "#3390ec";
              ctx.fillRect(0, 0, 320, 200);
              ctx.fillStyle = "#ffd23f";
              ctx.beginPath();
              ctx.arc(160, 100, 60, 0, Math.PI * 2);
              ctx.fill();
              const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
              const dt = new DataTransfer();
              dt.items.add(new File([blob], "image.png", { type: "image/png" }));
              const input = document.querySelector('[data-testid="composer-input"]');
              input.focus();
              input.dispatchEvent(new ClipboardEvent("paste", { bubbles: true, cancelable: true, clipboardData: dt }));
            }
            """);

        // Both upload at once; Send waits for them.
        var pending = anna.GetByTestId("pending-file");
        await Expect(pending).ToHaveCountAsync(2);
        await Expect(pending.Filter(new() { HasText = FileName })).ToHaveCountAsync(1);
        await Expect(pending.Filter(new() { HasTextRegex = new Regex("pasted-") })).ToHaveCountAsync(1);
        await Expect(pending.Nth(0)).ToHaveAttributeAsync("data-state", "done");
        await Expect(pending.Nth(1)).ToHaveAttributeAsync("data-state", "done");
        await Expect(anna.GetByTestId("pending-file-progress")).ToHaveCountAsync(0);
        await ScreenshotAsync(anna, "pending-files");
        await Expect(anna.GetByTestId("composer-send")).ToBeEnabledAsync();
        await anna.GetByTestId("composer-input").FillAsync("Here are the notes and a picture");
        await anna.GetByTestId("composer-send").ClickAsync();
        await Expect(anna.GetByTestId("pending-file")).ToHaveCountAsync(0);
        var sent = Message(anna, "Here are the notes");
        await Expect(sent).ToHaveAttributeAsync("data-status", "sent");
        await Expect(sent.Locator("[data-testid=message-attachment][data-kind=image]")).ToHaveCountAsync(1);

        // Boris opens the chat: he sees the picture's preview and the file's card.
        await boris.GetByTestId("chat-row").Filter(new() { HasText = annaUser.DisplayName }).ClickAsync();
        var received = Message(boris, "Here are the notes");
        await Expect(received).ToBeVisibleAsync();
        var image = received.Locator("[data-testid=message-attachment][data-kind=image]");
        await Expect(image).ToHaveCountAsync(1);
        var preview = image.GetByTestId("attachment-image");
        await Expect(preview).ToHaveAttributeAsync("src", new Regex("/api/v1/attachments/\\d+/thumbnail$"));
        await boris.WaitForFunctionAsync("() => { const img = document.querySelector('[data-testid=attachment-image]'); return img && img.complete && img.naturalWidth > 0; }");
        var card = received.Locator("[data-testid=message-attachment][data-kind=file]");
        await Expect(card).ToContainTextAsync(FileName);
        await ScreenshotAsync(boris, "received");

        // The picture opens in the lightbox; Esc closes it.
        await preview.ClickAsync();
        await Expect(boris.GetByTestId("lightbox")).ToBeVisibleAsync();
        await Expect(boris.GetByTestId("lightbox").GetByTestId("attachment-download")).ToBeVisibleAsync();
        await ScreenshotAsync(boris, "lightbox");
        await boris.Keyboard.PressAsync("Escape");
        await Expect(boris.GetByTestId("lightbox")).ToHaveCountAsync(0);

        // He downloads the file and gets exactly what Anna dropped.
        var download = await boris.RunAndWaitForDownloadAsync(() => card.GetByTestId("attachment-download").ClickAsync());
        Assert.Equal(FileName, download.SuggestedFilename);
        var path = await download.PathAsync();
        Assert.Equal(Encoding.UTF8.GetBytes(FileText), await File.ReadAllBytesAsync(path));
    });

    private static ILocator Message(IPage page, string text) =>
        page.GetByTestId("message").Filter(new() { Has = page.GetByTestId("message-content").Filter(new() { HasText = text }) });

    [GeneratedRegex("/chats/\\d+$")]
    private static partial Regex ChatUrl();
}
