namespace WLSockets.Cli.Infrastructure;

/// <summary>The process exit codes of wlsock.</summary>
internal static class ExitCodes
{
    /// <summary>Success (also: <c>listen</c> stopped by Ctrl+C or SIGTERM).</summary>
    public const int Success = 0;

    /// <summary>A runtime failure: connection refused, host not found, timeout, a failed demo case ...</summary>
    public const int Failure = 1;

    /// <summary>A usage error: unknown option, bad port, bad hex, empty marker ...</summary>
    public const int Usage = 2;

    /// <summary><c>send</c> interrupted by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
