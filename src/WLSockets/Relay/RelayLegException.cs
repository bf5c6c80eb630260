using System.Net;
using System.Net.Sockets;

namespace WLSockets.Relay;

/// <summary>A read or write of a <see cref="RelayLeg"/> failed; <see cref="IsReset"/> when the peer reset the connection.</summary>
internal sealed class RelayLegException(bool isReset, string message, Exception? inner = null) : IOException(message, inner)
{
    public bool IsReset { get; } = isReset;

    public static RelayLegException From(SocketException ex, string operation, IPEndPoint peer) =>
        new(ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown,
            $"cannot {operation} {peer}: {ex.Message} ({ex.SocketErrorCode})", ex);
}
