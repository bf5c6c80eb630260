using System.Net;
using WLSockets.Internal;

namespace WLSockets.WLangage;

/// <summary>
/// The UDP part of a registry entry: the socket, the sender of the last datagram read (what <c>SocketClientInfo</c>
/// describes, open question U4) and the last destination port written to (open question U6). Both are per socket,
/// shared by every thread.
/// </summary>
internal sealed class UdpEndpoint(DatagramSocket socket)
{
    private IPEndPoint? _lastSender;
    private int _lastDestinationPort;

    public DatagramSocket Socket { get; } = socket;

    /// <summary>The sender of the last datagram read, or null before the first one.</summary>
    public IPEndPoint? LastSender => Volatile.Read(ref _lastSender);

    /// <summary>Reads one whole datagram within <paramref name="deadline"/> and records its sender.</summary>
    /// <exception cref="WLSocketException"><see cref="WLSocketError.Timeout"/> when none arrived.</exception>
    public Datagram Read(Deadline deadline)
    {
        Datagram datagram = Sync.Result(Socket.ReceiveCoreAsync(IOBehavior.Synchronous, deadline, default));
        Volatile.Write(ref _lastSender, datagram.Sender);
        return datagram;
    }

    /// <summary>
    /// Sends one datagram to <paramref name="address"/>:<paramref name="port"/>; without a port, to the last
    /// destination port this socket wrote to.
    /// </summary>
    public void Write(byte[] datagram, string address, int? port)
    {
        int destinationPort = port ?? Volatile.Read(ref _lastDestinationPort);
        if (destinationPort == 0)
        {
            throw new WLSocketException(WLSocketError.InvalidArgument,
                "No destination port: this UDP socket has not written to any port yet, so the port cannot be left out. Give it: SocketEcrit(name, message, address, port).");
        }

        Sync.Wait(Socket.SendCoreAsync(IOBehavior.Synchronous, datagram, null, address ?? "", destinationPort, default));
        Volatile.Write(ref _lastDestinationPort, destinationPort);
    }
}
