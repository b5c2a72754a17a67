using Microsoft.AspNetCore.Antiforgery;
using Parley.Server.Features.Accounts;

namespace Parley.Server.Infrastructure;

/// <summary>
/// Cookie-authenticated writes must carry the X-XSRF-TOKEN header (double-submit of the XSRF-TOKEN cookie).
/// Bearer-token clients are not exposed to cross-site requests and skip the check.
/// </summary>
public static class AntiforgeryChecks
{
    public const string HeaderName = "X-XSRF-TOKEN";
    public const string RequestTokenCookie = "XSRF-TOKEN";

    public static IApplicationBuilder UseAntiforgeryForCookieWrites(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (IsWrite(context.Request.Method)
                && context.Request.Path.StartsWithSegments("/api")
                && context.User.Identity?.AuthenticationType == AuthSetup.CookieScheme)
            {
                var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = context,
                        ProblemDetails =
                        {
                            Status = StatusCodes.Status400BadRequest,
                            Title = "Missing or invalid antiforgery token.",
                            Detail = $"Send the value of the {RequestTokenCookie} cookie in the {HeaderName} header.",
                        },
                    });
                    return;
                }
            }

            await next(context);
        });

    /// <summary>Issues a fresh token pair for the current principal (call after sign in and sign out).</summary>
    public static void IssueTokens(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        context.Response.Cookies.Append(RequestTokenCookie, tokens.RequestToken!, new CookieOptions
        {
            HttpOnly = false,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
        });
    }

    private static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
}
