using System.Net;

namespace WLSockets.Cli.Bench;

/// <summary>A running bench server.</summary>
internal interface IBenchServer : IAsyncDisposable
{
    IPEndPoint EndPoint { get; }

    /// <summary>Payload bytes received so far (all connections).</summary>
    long ReceivedBytes { get; }

    /// <summary>Connections accepted and still open.</summary>
    int OpenConnections { get; }
}
