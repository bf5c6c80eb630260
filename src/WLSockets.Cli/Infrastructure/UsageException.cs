namespace WLSockets.Cli.Infrastructure;

/// <summary>A bad command line or bad user input found after parsing (bad hex, empty marker ...): exit code 2.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message) : base(message) { }

    public UsageException(string message, Exception innerException) : base(message, innerException) { }

    public UsageException() : base("Invalid usage.") { }
}
