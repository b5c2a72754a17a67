namespace Parley.Cli;

/// <summary>A failure to report to the person as one line on standard error (no stack trace).</summary>
internal sealed class CliException : Exception
{
    public CliException()
    {
    }

    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
