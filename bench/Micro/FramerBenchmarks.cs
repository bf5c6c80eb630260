using BenchmarkDotNet.Attributes;
using WLSockets.Framing;

namespace WLSockets.Benchmarks;

/// <summary>
/// The pure framers: encode one frame into a reused buffer; decode one frame whole (coalesced) or incrementally in two
/// halves (split: a first attempt that needs more data, then the complete one, resuming where it stopped).
/// </summary>
[MemoryDiagnoser]
public class FramerBenchmarks
{
    private byte[] _payload = [];
    private byte[] _frame = [];
    private byte[] _out = [];

    [Params(TransmissionMode.SizePrefixed, TransmissionMode.EndTag, TransmissionMode.NoEndTag)]
    public TransmissionMode Mode { get; set; }

    [Params(32, 1024, 64 * 1024, 1024 * 1024)]
    public int Size { get; set; }

    [Params(false, true)]
    public bool Split { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        _payload = Frames.Payload(Size);
        _frame = FrameEncoder.Encode(Mode, _payload, Frames.Marker);
        _out = new byte[_frame.Length];
    }

    [Benchmark]
    public int Encode() => FrameEncoder.Write(Mode, _payload, Frames.Marker, _out);

    [Benchmark]
    public int Decode()
    {
        ReadOnlySpan<byte> input = _frame;
        int searchFrom = 0;
        if (Split)
        {
            ReadOnlySpan<byte> half = input[..(input.Length / 2)];
            _ = Mode switch
            {
                TransmissionMode.SizePrefixed => LengthPrefixFramer.TryRead(half, long.MaxValue, out _, out _),
                TransmissionMode.EndTag => EndMarkerFramer.TryRead(half, Frames.Marker, long.MaxValue, 0, out _, out _, out searchFrom),
                _ => FrameStatus.Complete,
            };
        }

        FrameStatus status = Mode switch
        {
            TransmissionMode.SizePrefixed => LengthPrefixFramer.TryRead(input, long.MaxValue, out _, out int consumed) == FrameStatus.Complete ? FrameStatus.Complete : FrameStatus.InvalidHeader,
            TransmissionMode.EndTag => EndMarkerFramer.TryRead(input, Frames.Marker, long.MaxValue, searchFrom, out _, out _, out _),
            _ => FrameStatus.Complete, // raw mode has no framer: a receive is a message
        };
        return status == FrameStatus.Complete ? 1 : throw new InvalidOperationException("decode failed");
    }
}
