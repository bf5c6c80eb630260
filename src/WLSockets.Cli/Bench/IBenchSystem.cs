using System.Net;

namespace WLSockets.Cli.Bench;

/// <summary>
/// One system measured by <c>wlsock bench</c>: an echo (or sink) server and a client, both in this process, so every
/// system shares the same thread pool and CPU conditions.
/// </summary>
internal interface IBenchSystem
{
    /// <summary>Short name used in tables and JSON (<c>wlsock</c>, <c>raw-sockets</c>, <c>kestrel</c> ...).</summary>
    string Name { get; }

    /// <summary>The framings this system runs: WinDev modes for WLSockets, one binary length prefix for the baselines.</summary>
    IReadOnlyList<string> Framings { get; }

    /// <summary>Starts a server on 127.0.0.1, port chosen by the system.</summary>
    Task<IBenchServer> StartServerAsync(string framing, ServerRole role, CancellationToken cancellationToken);

    /// <summary>Connects one client to <paramref name="server"/>.</summary>
    Task<IBenchClient> ConnectAsync(IPEndPoint server, string framing, CancellationToken cancellationToken);
}
