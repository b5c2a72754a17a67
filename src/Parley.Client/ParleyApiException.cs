using System.Globalization;
using System.Net;
using System.Text;

namespace Parley.Client;

/// <summary>
/// The server refused a request: its status code and the RFC 7807 problem it sent (title, detail and, for invalid
/// input, the messages for each field by its JSON name). <see cref="RetryAfter"/> is set on 429 Too Many Requests.
/// </summary>
public sealed class ParleyApiException : Exception
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoErrors = new Dictionary<string, IReadOnlyList<string>>();

    public ParleyApiException()
        : this("The Parley server refused the request.")
    {
    }

    public ParleyApiException(string message)
        : base(message)
    {
        Errors = NoErrors;
    }

    public ParleyApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = NoErrors;
    }

    public ParleyApiException(
        HttpStatusCode statusCode,
        string? title,
        string? detail,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? errors,
        TimeSpan? retryAfter)
        : base(Describe(statusCode, title, detail, errors ?? NoErrors))
    {
        StatusCode = statusCode;
        Title = title;
        Detail = detail;
        Errors = errors ?? NoErrors;
        RetryAfter = retryAfter;
    }

    public HttpStatusCode StatusCode { get; }

    public string? Title { get; }

    public string? Detail { get; }

    /// <summary>Field (JSON name, e.g. "content") to its messages; empty unless the input was invalid.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; }

    /// <summary>How long to wait before trying again (429), from the Retry-After header.</summary>
    public TimeSpan? RetryAfter { get; }

    private static string Describe(HttpStatusCode status, string? title, string? detail, IReadOnlyDictionary<string, IReadOnlyList<string>> errors)
    {
        var text = new StringBuilder();
        text.Append(string.IsNullOrWhiteSpace(title) ? DefaultTitle(status) : title.Trim());
        text.Append(CultureInfo.InvariantCulture, $" (HTTP {(int)status})");
        if (!string.IsNullOrWhiteSpace(detail))
        {
            text.Append(": ").Append(detail.Trim());
        }

        foreach (var (field, messages) in errors)
        {
            text.Append(' ').Append(field).Append(": ").AppendJoin(' ', messages);
        }

        return text.ToString();
    }

    private static string DefaultTitle(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => "Bad request",
        HttpStatusCode.Unauthorized => "Not signed in, or the token is no longer valid",
        HttpStatusCode.Forbidden => "Not allowed",
        HttpStatusCode.NotFound => "Not found",
        HttpStatusCode.Conflict => "Conflict",
        HttpStatusCode.TooManyRequests => "Too many requests",
        _ => "The server refused the request",
    };
}
