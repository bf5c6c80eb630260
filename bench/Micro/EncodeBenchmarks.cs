using BenchmarkDotNet.Attributes;
using WLSockets.Framing;
using WLSockets.Internal;
using WLSockets.Messaging;

namespace WLSockets.Benchmarks;

/// <summary>
/// Encoding one message: the pure <see cref="FrameEncoder"/> into a reused buffer, and the async core's
/// <see cref="MessageWriter"/> (lock, framing, pooled copy or header + payload) onto a transport that drops it.
/// </summary>
[MemoryDiagnoser]
public class EncodeBenchmarks
{
    private byte[] _payload = [];
    private byte[] _out = [];
    private MessageWriter _writer = null!;
    private FramingState _framing = null!;

    [Params(TransmissionMode.SizePrefixed, TransmissionMode.EndTag, TransmissionMode.NoEndTag)]
    public TransmissionMode Mode { get; set; }

    [Params(32, 1024, 64 * 1024, 1024 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        _payload = Frames.Payload(Size);
        _out = new byte[FrameEncoder.FrameLength(Mode, Size, Frames.Marker.Length)];
        _framing = FramingState.Create(Mode, "<EOF>", Text.WinDevEncodings.Ansi);
        _writer = new MessageWriter(new MemoryTransport([[0]]));
    }

    [Benchmark]
    public int FramerEncode() => FrameEncoder.Write(Mode, _payload, Frames.Marker, _out);

    [Benchmark]
    public int CoreEncode()
    {
        ValueTask write = _writer.WriteAsync(IOBehavior.Asynchronous, _framing, _payload, Deadline.Infinite, default);
        if (!write.IsCompletedSuccessfully)
        {
            write.AsTask().GetAwaiter().GetResult();
        }

        return Size;
    }
}
