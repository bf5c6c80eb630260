using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace WLSockets.Cli.Bench;

/// <summary>The baselines' client: a plain socket with <see cref="BinaryFraming"/>.</summary>
internal sealed class RawClient : IBenchClient
{
    private readonly Socket _socket;
    private readonly byte[] _send = new byte[64 * 1024];
    private byte[] _receive = new byte[64 * 1024];
    private int _start;
    private int _end;

    private RawClient(Socket socket) => _socket = socket;

    public static async Task<IBenchClient> ConnectAsync(IPEndPoint server, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(server, cancellationToken);
            return new RawClient(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_send, payload.Length);
        if (payload.Length <= _send.Length - BinaryFraming.HeaderLength)
        {
            payload.CopyTo(_send.AsMemory(BinaryFraming.HeaderLength));
            await RawSocketsSystem.SendAllAsync(_socket, _send.AsMemory(0, BinaryFraming.HeaderLength + payload.Length), cancellationToken);
            return;
        }

        await RawSocketsSystem.SendAllAsync(_socket, _send.AsMemory(0, BinaryFraming.HeaderLength), cancellationToken);
        await RawSocketsSystem.SendAllAsync(_socket, payload, cancellationToken);
    }

    public async ValueTask<int> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            int available = _end - _start;
            if (available >= BinaryFraming.HeaderLength)
            {
                int length = BinaryPrimitives.ReadInt32LittleEndian(_receive.AsSpan(_start));
                if (length is < 0 or > BinaryFraming.MaxPayload)
                {
                    throw new InvalidDataException($"Invalid frame length {length} from the echo server.");
                }

                if (available >= BinaryFraming.HeaderLength + length)
                {
                    _start += BinaryFraming.HeaderLength + length;
                    return length;
                }

                if (BinaryFraming.HeaderLength + length > _receive.Length)
                {
                    Array.Resize(ref _receive, BinaryFraming.HeaderLength + length);
                }
            }

            if (_receive.Length - _end < 4096 || _start == _end)
            {
                _receive.AsSpan(_start, _end - _start).CopyTo(_receive);
                _end -= _start;
                _start = 0;
            }

            int n = await _socket.ReceiveAsync(_receive.AsMemory(_end), SocketFlags.None, cancellationToken);
            if (n == 0)
            {
                throw new IOException("The echo server closed the connection.");
            }

            _end += n;
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
