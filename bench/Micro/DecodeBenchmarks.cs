using System.Buffers;
using BenchmarkDotNet.Attributes;
using WLSockets.Framing;
using WLSockets.Internal;
using WLSockets.Messaging;

namespace WLSockets.Benchmarks;

/// <summary>
/// Decoding one message, whole (coalesced) or incrementally in two halves (split): the pure framers (a first attempt
/// that needs more data, then the complete one resuming where it stopped), and the async core's
/// <see cref="MessageReader"/> reading from an in-memory transport into a reused buffer writer (as
/// <c>MessageConnection.ReceiveAsync(IBufferWriter)</c>).
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet owns the instance; [GlobalCleanup] disposes the reader.")]
public class DecodeBenchmarks
{
    private byte[] _frame = [];
    private MessageReader _reader = null!;
    private FramingState _framing = null!;
    private ArrayBufferWriter<byte> _into = null!;

    [Params(TransmissionMode.SizePrefixed, TransmissionMode.EndTag, TransmissionMode.NoEndTag)]
    public TransmissionMode Mode { get; set; }

    [Params(32, 1024, 64 * 1024, 1024 * 1024)]
    public int Size { get; set; }

    [Params(false, true)]
    public bool Split { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        _frame = FrameEncoder.Encode(Mode, Frames.Payload(Size), Frames.Marker);
        _framing = FramingState.Create(Mode, "<EOF>", Text.WinDevEncodings.Ansi);
        _reader = new MessageReader(new MemoryTransport(Frames.Chunks(Mode, Size, 1, Split)));
        _into = new ArrayBufferWriter<byte>(Size + 64);
    }

    [GlobalCleanup]
    public void CleanUp() => _reader.Dispose();

    [Benchmark]
    public int FramerDecode()
    {
        ReadOnlySpan<byte> input = _frame;
        int searchFrom = 0;
        if (Split)
        {
            ReadOnlySpan<byte> half = input[..(input.Length / 2)];
            FrameStatus first = Mode switch
            {
                TransmissionMode.SizePrefixed => LengthPrefixFramer.TryRead(half, long.MaxValue, out _, out _),
                TransmissionMode.EndTag => EndMarkerFramer.TryRead(half, Frames.Marker, long.MaxValue, 0, out _, out _, out searchFrom),
                _ => FrameStatus.NeedMoreData, // raw mode has no framer: a receive is a message
            };
            if (first != FrameStatus.NeedMoreData)
            {
                throw new InvalidOperationException("the first half should need more data");
            }
        }

        FrameStatus status = Mode switch
        {
            TransmissionMode.SizePrefixed => LengthPrefixFramer.TryRead(input, long.MaxValue, out _, out _),
            TransmissionMode.EndTag => EndMarkerFramer.TryRead(input, Frames.Marker, long.MaxValue, searchFrom, out _, out _, out _),
            _ => FrameStatus.Complete,
        };
        return status == FrameStatus.Complete ? 1 : throw new InvalidOperationException("decode failed");
    }

    [Benchmark]
    public int CoreDecode()
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
}
