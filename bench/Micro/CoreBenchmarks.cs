using System.Buffers;
using System.Net;
using BenchmarkDotNet.Attributes;
using WLSockets.Internal;
using WLSockets.Messaging;
using WLSockets.Transports;

namespace WLSockets.Benchmarks;

/// <summary>
/// The async core's steady state, without sockets: <see cref="MessageReader"/> cutting messages out of an in-memory
/// transport (into a reused buffer writer, as <c>MessageConnection.ReceiveAsync(IBufferWriter)</c>), and
/// <see cref="MessageWriter"/> framing messages onto a transport that drops them. Per operation = per message.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet owns the instance; [GlobalCleanup] disposes the reader.")]
public class CoreBenchmarks
{
    private MemoryTransport _transport = null!;
    private MessageReader _reader = null!;
    private MessageWriter _writer = null!;
    private FramingState _framing = null!;
    private ArrayBufferWriter<byte> _into = null!;
    private byte[] _payload = [];

    [Params(TransmissionMode.SizePrefixed, TransmissionMode.EndTag, TransmissionMode.NoEndTag)]
    public TransmissionMode Mode { get; set; }

    [Params(32, 1024, 64 * 1024, 1024 * 1024)]
    public int Size { get; set; }

    [Params(false, true)]
    public bool Split { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        _framing = FramingState.Create(Mode, "<EOF>", Text.WinDevEncodings.Ansi);
        _transport = new MemoryTransport(Frames.Chunks(Mode, Size, 1, Split));
        _reader = new MessageReader(_transport);
        _writer = new MessageWriter(_transport);
        _into = new ArrayBufferWriter<byte>(Size + 64);
        _payload = Frames.Payload(Size);
    }

    [GlobalCleanup]
    public void CleanUp() => _reader.Dispose();

    [Benchmark]
    public int Decode()
    {
        _into.ResetWrittenCount();
        int total = 0;
        while (total < Size)
        {
            ValueTask<ReceivedMessage> read = _reader.ReadAsync(IOBehavior.Asynchronous, _framing, long.MaxValue, Size, TimeSpan.Zero, Deadline.Infinite, default, _into);
            total += read.IsCompletedSuccessfully ? read.Result.Length : read.AsTask().GetAwaiter().GetResult().Length;
        }

        return total;
    }

    [Benchmark]
    public void Encode()
    {
        ValueTask write = _writer.WriteAsync(IOBehavior.Asynchronous, _framing, _payload, Deadline.Infinite, default);
        if (!write.IsCompletedSuccessfully)
        {
            write.AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Replays the same chunks forever; sends complete at once and are dropped.</summary>
    private sealed class MemoryTransport(List<byte[]> chunks) : Transport
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
}
