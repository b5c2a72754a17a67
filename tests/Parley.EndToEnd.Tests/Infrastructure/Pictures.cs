namespace Parley.EndToEnd.Tests.Infrastructure;

/// <summary>Pictures to upload, drawn by the browser itself (no image library in the tests).</summary>
public static class Pictures
{
    /// <summary>A 300 x 200 PNG: a coloured background with a lighter disc in the middle.</summary>
    public static async Task<FilePayload> PngAsync(IPage page, string background, string disc, string name = "picture.png")
    {
        var base64 = await page.EvaluateAsync<string>(
            """
            ([background, disc]) => {
              const c = document.createElement("canvas");
              c.width = 300;
              c.height = 200;
              const x = c.getContext("2d");
              x.fillStyle = background;
              x.fillRect(0, 0, 300, 200);
              x.fillStyle = disc;
              x.beginPath();
              x.arc(150, 100, 60, 0, Math.PI * 2);
              x.fill();
              return c.toDataURL("image/png").split(",")[1];
            }
            """,
            new[] { background, disc });
        return new FilePayload { Name = name, MimeType = "image/png", Buffer = Convert.FromBase64String(base64) };
    }
}
