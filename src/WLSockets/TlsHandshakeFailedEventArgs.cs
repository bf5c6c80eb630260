using System.Net;

namespace WLSockets;

/// <summary>A client of a TLS listener failed its handshake and was closed (<see cref="MessageListener.HandshakeFailed"/>).</summary>
public sealed class TlsHandshakeFailedEventArgs(IPEndPoint? remoteEndPoint, WLSocketException error) : EventArgs
{
    /// <summary>The client's address.</summary>
    public IPEndPoint? RemoteEndPoint { get; } = remoteEndPoint;

    /// <summary>Why: <see cref="WLSocketError.TlsHandshakeFailed"/>, <see cref="WLSocketError.CertificateRejected"/>, <see cref="WLSocketError.Timeout"/> ...</summary>
    public WLSocketException Error { get; } = error;
}
