using System.Net;
using WLSockets.Internal;
using WLSockets.Transports;

namespace WLSockets.Benchmarks;

/// <summary>Replays the same receive chunks forever; sends complete at once and are dropped. No sockets.</summary>
internal sealed class MemoryTransport(List<byte[]> chunks) : Transport
{
    private int _next;
    private int _offset;

    public override EndPoint? RemoteEndPoint => null;

    public override EndPoint? LocalEndPoint => null;

    public override ValueTask<int> ReceiveAsync(Memory<byte> buffer, IOBehavior io, Deadline deadline, CancellationToken cancellationToken)
    {
        byte[] chunk = chunks[_next];
        int n = Math.Min(buffer.Length, chunk.Length - _offset);
        chunk.AsSpan(_offset, n).CopyTo(buffer.Span);
        _offset += n;
        if (_offset == chunk.Length)
        {
            _offset = 0;
            _next = (_next + 1) % chunks.Count;
        }

        return ValueTask.FromResult(n);
    }

    public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, IOBehavior io, Deadline deadline, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public override void ShutdownSend()
    {
    }

    public override void InterruptReceive()
    {
    }

    public override ValueTask CloseGracefullyAsync(TimeSpan linger) => ValueTask.CompletedTask;

    public override void Close(bool reset)
    {
    }
}
