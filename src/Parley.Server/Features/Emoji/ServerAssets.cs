using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Server.Features.Files;
using Parley.Server.Infrastructure;
using Parley.Server.Infrastructure.Storage;

namespace Parley.Server.Features.Emoji;

/// <summary>What emoji and stickers share: names, reading the multipart upload, serving the picture.</summary>
public static partial class ServerAssets
{
    public const int NameMinLength = 2;
    public const int NameMaxLength = 32;
    public const int DescriptionMaxLength = 100;

    [GeneratedRegex("^[A-Za-z0-9_]{2,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex NameRegex();

    public static bool IsValidName(string? name) => name is not null && NameRegex().IsMatch(name);

    public const string NameRule = "Names are 2 to 32 letters (A-Z), digits or underscores.";

    public sealed record Upload(string Name, string? Description, AssetImages.Processed Image);

    /// <summary>The upload, or why not: a 400 naming the field, or a 413.</summary>
    public sealed record UploadResult(Upload? Value, ValidationProblem? Invalid = null, ProblemHttpResult? TooLarge = null);

    public static async Task<UploadResult> ReadAsync(HttpContext context, long maxBytes, int box, bool withDescription, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
        {
            return new(null, new FieldErrors().Add("file", "Send the picture as multipart/form-data with parts 'name' and 'file'.").ToProblem());
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var name = form["name"].ToString().Trim();
        var description = withDescription ? form["description"].ToString().Trim() : "";
        var file = form.Files.GetFile("file");
        var errors = new FieldErrors();
        if (!IsValidName(name))
        {
            errors.Add("name", NameRule);
        }

        errors.MaxLength("description", description, DescriptionMaxLength);
        if (file is null || file.Length == 0)
        {
            errors.Add("file", "Choose a picture.");
        }

        if (errors.Any)
        {
            return new(null, errors.ToProblem());
        }

        if (file!.Length > maxBytes)
        {
            return new(null, TooLarge: TypedResults.Problem(
                title: "The picture is too large.",
                detail: $"It may be at most {maxBytes / 1024} KiB.",
                statusCode: StatusCodes.Status413PayloadTooLarge));
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        var image = AssetImages.Process(bytes, box);
        return image is null
            ? new(null, new FieldErrors().Add("file", "The picture must be a PNG, GIF or WebP image.").ToProblem())
            : new(new Upload(name, description.Length == 0 ? null : description, image));
    }

    /// <summary>The picture with a long cache (its bytes never change under an id), nosniff and the sandbox policy.</summary>
    public static async Task<IResult> ServeAsync(HttpContext context, IFileStore store, string? key, string contentType, string fileName, CancellationToken cancellationToken)
    {
        var stream = key is null ? null : await store.OpenReadAsync(key, cancellationToken);
        if (stream is null)
        {
            return TypedResults.NotFound();
        }

        Download.WriteSafetyHeaders(context.Response, contentType, fileName);
        context.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
        return TypedResults.Stream(stream, contentType);
    }

    public static string Extension(string contentType) => contentType switch
    {
        "image/gif" => "gif",
        "image/webp" => "webp",
        _ => "png",
    };
}
