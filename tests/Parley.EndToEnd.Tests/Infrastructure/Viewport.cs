namespace Parley.EndToEnd.Tests.Infrastructure;

/// <summary>The two screen sizes every test runs at.</summary>
public enum Viewport
{
    /// <summary>1280 x 800.</summary>
    Desktop,

    /// <summary>390 x 844, a phone held upright.</summary>
    Phone,
}

public static class ViewportOptions
{
    public static BrowserNewContextOptions For(Viewport viewport, Uri baseAddress)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString().TrimEnd('/'),
            Locale = "en-US",
            TimezoneId = "UTC",
            ColorScheme = ColorScheme.Light,
        };
        if (viewport == Viewport.Phone)
        {
            options.ViewportSize = new ViewportSize { Width = 390, Height = 844 };
            options.IsMobile = true;
            options.HasTouch = true;
            options.DeviceScaleFactor = 2;
        }
        else
        {
            options.ViewportSize = new ViewportSize { Width = 1280, Height = 800 };
        }

        return options;
    }
}
