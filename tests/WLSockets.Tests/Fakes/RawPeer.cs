using System.Net;
using System.Net.Sockets;

namespace WLSockets.Tests.Fakes;

/// <summary>
/// A peer written with raw <see cref="System.Net.Sockets"/>, so that a test controls every byte and every misbehaviour
/// (bad headers, closing mid-message, never reading, resetting). Every wait is bounded by
/// <see cref="Loopback.Deadline"/>.
/// </summary>
internal sealed class RawPeer : IDisposable
{
    private RawPeer(Socket socket) => Socket = socket;

    public Socket Socket { get; }

    public IPEndPoint LocalEndPoint => (IPEndPoint)Socket.LocalEndPoint!;

    public static async Task<RawPeer> ConnectAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, Loopback.Ct).AsTask().Within();
            return new RawPeer(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static RawPeer Wrap(Socket socket) => new(socket);

    /// <summary>Sends <paramref name="bytes"/> with one send call (one segment on loopback for small data).</summary>
    public async Task SendAsync(byte[] bytes)
    {
        int sent = 0;
        while (sent < bytes.Length)
        {
            sent += await Socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None, Loopback.Ct).AsTask().Within();
        }
    }

    public Task SendAsync(string ascii) => SendAsync(System.Text.Encoding.ASCII.GetBytes(ascii));

    /// <summary>Reads exactly <paramref name="count"/> bytes (fails if the stream ends first).</summary>
    public async Task<byte[]> ReadExactlyAsync(int count)
    {
        byte[] buffer = new byte[count];
        int read = 0;
        while (read < count)
        {
            int n = await Socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, Loopback.Ct).AsTask().Within();
            if (n == 0)
            {
                throw new EndOfStreamException($"The stream ended after {read} of {count} bytes.");
            }

            read += n;
        }

        return buffer;
    }

    /// <summary>Reads until the peer ends the stream and returns everything.</summary>
    public async Task<byte[]> ReadToEndAsync()
    {
        var all = new MemoryStream();
        byte[] buffer = new byte[64 * 1024];
        while (true)
        {
            int n = await Socket.ReceiveAsync(buffer, SocketFlags.None, Loopback.Ct).AsTask().Within();
            if (n == 0)
            {
                return all.ToArray();
            }

            all.Write(buffer, 0, n);
        }
    }

    /// <summary>Ends our sending side (the library reads end of stream after what was sent).</summary>
    public void ShutdownSend() => Socket.Shutdown(SocketShutdown.Send);

    /// <summary>Closes with a reset (RST).</summary>
    public void Reset()
    {
        Socket.LingerState = new LingerOption(true, 0);
        Socket.Dispose();
    }

    public void Dispose() => Socket.Dispose();
}

/// <summary>A raw listening socket on 127.0.0.1 port 0 that the library connects to.</summary>
internal sealed class RawServer : IDisposable
{
    private RawServer(Socket socket)
    {
        Socket = socket;
        EndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    public Socket Socket { get; }

    public IPEndPoint EndPoint { get; }

    public int Port => EndPoint.Port;

    public static RawServer Start(int backlog = 16, IPAddress? address = null)
    {
        var socket = new Socket((address ?? IPAddress.Loopback).AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address ?? IPAddress.Loopback, 0));
            socket.Listen(backlog);
            return new RawServer(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task<RawPeer> AcceptAsync()
    {
        Socket accepted = await Socket.AcceptAsync(Loopback.Ct).AsTask().Within();
        accepted.NoDelay = true;
        return RawPeer.Wrap(accepted);
    }

    public void Dispose() => Socket.Dispose();
}

/// <summary>A library <see cref="MessageConnection"/> connected to a <see cref="RawPeer"/> that the test drives byte by byte.</summary>
internal sealed class RawPair : IDisposable
{
    private RawPair(RawServer server, MessageConnection connection, RawPeer peer)
    {
        Server = server;
        Connection = connection;
        Peer = peer;
    }

    public RawServer Server { get; }

    public MessageConnection Connection { get; }

    public RawPeer Peer { get; }

    public static async Task<RawPair> StartAsync(MessageConnectionOptions? options = null)
    {
        RawServer server = RawServer.Start();
        try
        {
            Task<RawPeer> accept = server.AcceptAsync();
            MessageConnection connection = await MessageConnection.ConnectAsync("127.0.0.1", server.Port, options, Loopback.Ct).Within();
            return new RawPair(server, connection, await accept);
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Connection.Abort();
        Peer.Dispose();
        Server.Dispose();
    }
}
