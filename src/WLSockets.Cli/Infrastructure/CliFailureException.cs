namespace WLSockets.Cli.Infrastructure;

/// <summary>A runtime failure found by wlsock itself (a file it cannot write ...): one error line, exit code 1.</summary>
internal sealed class CliFailureException : Exception
{
    public CliFailureException(string message) : base(message) { }

    public CliFailureException(string message, Exception innerException) : base(message, innerException) { }

    public CliFailureException() : base("wlsock failed.") { }
}
