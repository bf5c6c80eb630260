using System.Net;
using System.Net.Sockets;
using WLSockets.Internal;
using WLSockets.Transports;

namespace WLSockets.Relay;

/// <summary>One side of a relayed connection: a plain socket (no allocation per read or write) or a TLS transport.</summary>
internal abstract class RelayLeg
{
    public abstract IPEndPoint Local { get; }

    public abstract IPEndPoint Remote { get; }

    /// <summary>Reads at least one byte, or 0 at the end of the stream.</summary>
    /// <exception cref="RelayLegException">The peer reset the connection, or it failed.</exception>
    public abstract ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    /// <exception cref="RelayLegException">The peer reset the connection, or it failed.</exception>
    public abstract ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Sends end of stream (FIN; with TLS, close_notify first) after what was written.</summary>
    public abstract void ShutdownSend();

    /// <summary>Closes; with <paramref name="reset"/> the peer sees a reset (linger 0).</summary>
    public abstract void Close(bool reset);

    public static RelayLeg Of(Socket socket) => new SocketLeg(socket);

    public static RelayLeg Of(Transport transport, Socket socket) => new TransportLeg(transport, socket);

    private static IPEndPoint Ip(EndPoint? endPoint) => endPoint as IPEndPoint ?? new IPEndPoint(IPAddress.None, 0);

    private sealed class SocketLeg(Socket socket) : RelayLeg
    {
        private readonly IPEndPoint _local = Ip(socket.LocalEndPoint);
        private readonly IPEndPoint _remote = Ip(socket.RemoteEndPoint);

        public override IPEndPoint Local => _local;

        public override IPEndPoint Remote => _remote;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            try
            {
                return await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                throw RelayLegException.From(ex, "read from", _remote);
            }
            catch (ObjectDisposedException ex)
            {
                throw new RelayLegException(false, "the socket was closed", ex);
            }
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
        {
            try
            {
                while (!buffer.IsEmpty)
                {
                    int sent = await socket.SendAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                    buffer = buffer[sent..];
                }
            }
            catch (SocketException ex)
            {
                throw RelayLegException.From(ex, "write to", _remote);
            }
            catch (ObjectDisposedException ex)
            {
                throw new RelayLegException(false, "the socket was closed", ex);
            }
        }

        public override void ShutdownSend() => socket.TryShutdownSend();

        public override void Close(bool reset) => CloseSocket(socket, reset);
    }

    private sealed class TransportLeg(Transport transport, Socket socket) : RelayLeg
    {
        private readonly IPEndPoint _local = Ip(transport.LocalEndPoint);
        private readonly IPEndPoint _remote = Ip(transport.RemoteEndPoint);

        public override IPEndPoint Local => _local;

        public override IPEndPoint Remote => _remote;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            try
            {
                return await transport.ReceiveAsync(buffer, IOBehavior.Asynchronous, Deadline.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (WLSocketException ex)
            {
                throw new RelayLegException(ex.Error == WLSocketError.ConnectionReset, ex.Message, ex);
            }
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
        {
            try
            {
                await transport.SendAsync(buffer, IOBehavior.Asynchronous, Deadline.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (WLSocketException ex)
            {
                throw new RelayLegException(ex.Error is WLSocketError.ConnectionReset or WLSocketError.ConnectionClosed, ex.Message, ex);
            }
        }

        public override void ShutdownSend() => transport.ShutdownSend();

        public override void Close(bool reset)
        {
            if (reset)
            {
                CloseSocket(socket, reset: true);
            }

            transport.Close(reset);
        }
    }

    private static void CloseSocket(Socket socket, bool reset)
    {
        if (reset)
        {
            try
            {
                socket.LingerState = new LingerOption(true, 0);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Already closed: a reset is moot.
            }
        }

        socket.Dispose();
    }
}
