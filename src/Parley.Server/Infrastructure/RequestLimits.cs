using Microsoft.AspNetCore.Http.Features;

namespace Parley.Server.Infrastructure;

public static class RequestLimits
{
    /// <summary>JSON bodies are small; uploads (their own endpoint) raise this for themselves.</summary>
    public const long JsonBodyLimitBytes = 1024 * 1024;

    /// <summary>Refuses an oversized body with 413 before anything reads it.</summary>
    public static IApplicationBuilder UseJsonBodyLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > JsonBodyLimitBytes)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status413PayloadTooLarge,
                        Title = "The request body is too large.",
                        Detail = $"Request bodies are limited to {JsonBodyLimitBytes} bytes.",
                    },
                });
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = JsonBodyLimitBytes;
            }

            await next(context);
        });
}
