using Parley.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.EndToEnd.Tests.Features.Chats;

/// <summary>A group's owner gives it a picture: it shows in the chat list and the header, for the other members too.</summary>
public sealed class GroupPictureTests(AppFixture app, ITestOutputHelper output) : EndToEndTest(app, output)
{
    private const string GroupName = "Design team";

    [Theory]
    [InlineData(Viewport.Desktop)]
    [InlineData(Viewport.Phone)]
    public Task The_owner_sets_and_removes_a_group_picture_and_members_see_it_live(Viewport viewport) => RunAsync(viewport, async anna =>
    {
        using var annaApi = await ApiSession.RegisterAsync(App, TestUser.Create("gp"));
        using var borisApi = await ApiSession.RegisterAsync(App, TestUser.Create("gp"));
        using var carl = await ApiSession.RegisterAsync(App, TestUser.Create("gp"));
        var groupId = await annaApi.GroupAsync(GroupName, borisApi.Id, carl.Id);
        await annaApi.SendMessageAsync(groupId, "Welcome, everyone");

        await Ui.SignInAsync(anna, annaApi.User);
        var boris = await OpenPageAsync(viewport, "boris");
        await Ui.SignInAsync(boris, borisApi.User);
        var borisRow = GroupRow(boris);
        await Expect(borisRow).ToBeVisibleAsync();
        await Expect(Picture(borisRow)).ToHaveCountAsync(0);

        // Anna opens the group's members panel, picks a picture and crops it.
        await GroupRow(anna).ClickAsync();
        await anna.GetByTestId("members-button").ClickAsync();
        var panel = anna.GetByTestId("members-panel");
        await Expect(panel.GetByTestId("group-picture-upload")).ToBeVisibleAsync();
        await ScreenshotAsync(anna, "members-panel");
        await panel.GetByTestId("group-picture-upload-input").SetInputFilesAsync(await Pictures.PngAsync(anna, "#1565c0", "#ffca28", "team.png"));
        await Expect(anna.GetByTestId("group-picture-crop")).ToBeVisibleAsync();
        await ScreenshotAsync(anna, "crop");
        await anna.GetByTestId("group-picture-save").ClickAsync();
        await Expect(anna.GetByTestId("group-picture-crop")).ToHaveCountAsync(0);

        // The picture is in her header, and (live) in Boris's chat list and header.
        var header = anna.GetByTestId("conversation-header");
        await Expect(Picture(header)).ToHaveAttributeAsync("src", IconUrl(groupId));
        await Expect(Picture(panel)).ToHaveAttributeAsync("src", IconUrl(groupId));
        await ScreenshotAsync(anna, "picture-set");
        await Expect(Picture(borisRow)).ToHaveAttributeAsync("src", IconUrl(groupId));
        await Expect(Picture(borisRow)).ToHaveJSPropertyAsync("naturalWidth", 128);
        await ScreenshotAsync(boris, "list-with-picture");
        await borisRow.ClickAsync();
        await Expect(Picture(boris.GetByTestId("conversation-header"))).ToHaveAttributeAsync("src", IconUrl(groupId));
        await ScreenshotAsync(boris, "header-with-picture");

        // Only the owner may change it: Boris's members panel has no picture controls.
        await boris.GetByTestId("members-button").ClickAsync();
        await Expect(boris.GetByTestId("members-panel")).ToBeVisibleAsync();
        await Expect(boris.GetByTestId("group-picture-upload")).ToHaveCountAsync(0);

        // Anna removes it: the initials come back everywhere.
        await panel.GetByTestId("group-picture-remove").ClickAsync();
        await Expect(Picture(header)).ToHaveCountAsync(0);
        await Expect(Picture(boris.GetByTestId("conversation-header"))).ToHaveCountAsync(0);
        if (viewport == Viewport.Desktop)
        {
            await Expect(Picture(borisRow)).ToHaveCountAsync(0);
            await Expect(Picture(GroupRow(anna))).ToHaveCountAsync(0);
        }
    });

    private static ILocator GroupRow(IPage page) => page.GetByTestId("chat-row").Filter(new() { HasText = GroupName });

    private static ILocator Picture(ILocator within) => within.Locator("img.avatar__img").First;

    private static System.Text.RegularExpressions.Regex IconUrl(string groupId) =>
        new($"/api/v1/channels/{groupId}/icon\\?v=\\d+&size=\\d+$");
}
