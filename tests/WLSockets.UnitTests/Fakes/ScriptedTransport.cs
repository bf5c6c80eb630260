using System.Net;
using WLSockets.Internal;
using WLSockets.Transports;

namespace WLSockets.UnitTests.Fakes;

/// <summary>
/// An in-memory <see cref="Transport"/> that plays back a script: each receive returns (part of) the next chunk, a
/// <see cref="TimeoutStep"/> makes one receive fail with <see cref="WLSocketError.Timeout"/>, and once the script is
/// exhausted every receive returns 0 (end of stream). Sends are recorded. Pure code: no socket, no thread, no clock.
/// </summary>
internal sealed class ScriptedTransport : Transport
{
    /// <summary>Marks a receive that times out (as the real transport does when the deadline passes).</summary>
    public static readonly byte[] TimeoutStep = [];

    private readonly Queue<byte[]> _steps;
    private readonly MemoryStream _sent = new();
    private byte[]? _current;
    private int _offset;

    public ScriptedTransport(IEnumerable<byte[]> steps) => _steps = new Queue<byte[]>(steps);

    public static ScriptedTransport Of(params byte[][] steps) => new(steps);

    /// <summary>Number of times the reader asked for bytes (including the final end-of-stream receive).</summary>
    public int ReceiveCalls { get; private set; }

    /// <summary>True once the script is exhausted and a receive returned 0.</summary>
    public bool ReportedEndOfStream { get; private set; }

    /// <summary>The largest buffer the reader offered to one receive.</summary>
    public int LargestBufferOffered { get; private set; }

    public byte[] Sent => _sent.ToArray();

    public override EndPoint? RemoteEndPoint => null;

    public override EndPoint? LocalEndPoint => null;

    public override ValueTask<int> ReceiveAsync(Memory<byte> buffer, IOBehavior io, Deadline deadline, CancellationToken cancellationToken)
    {
        ReceiveCalls++;
        LargestBufferOffered = Math.Max(LargestBufferOffered, buffer.Length);
        if (buffer.IsEmpty)
        {
            throw new InvalidOperationException("The reader offered an empty buffer: a real receive would return 0 and look like end of stream.");
        }

        if (_current is null || _offset == _current.Length)
        {
            if (!_steps.TryDequeue(out _current))
            {
                ReportedEndOfStream = true;
                return ValueTask.FromResult(0);
            }

            _offset = 0;
            if (ReferenceEquals(_current, TimeoutStep))
            {
                _current = null;
                throw new WLSocketException(WLSocketError.Timeout, "Receive timed out (scripted).");
            }

            if (_current.Length == 0)
            {
                throw new InvalidOperationException("Empty chunks are not allowed in a script: a receive never returns 0 bytes except at end of stream.");
            }
        }

        int n = Math.Min(buffer.Length, _current.Length - _offset);
        _current.AsSpan(_offset, n).CopyTo(buffer.Span);
        _offset += n;
        return ValueTask.FromResult(n);
    }

    public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, IOBehavior io, Deadline deadline, CancellationToken cancellationToken)
    {
        _sent.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void ShutdownSend()
    {
    }

    public override void InterruptReceive()
    {
    }

    public override ValueTask CloseGracefullyAsync(TimeSpan linger) => ValueTask.CompletedTask;

    public override void Close(bool reset) => _sent.Dispose();
}
