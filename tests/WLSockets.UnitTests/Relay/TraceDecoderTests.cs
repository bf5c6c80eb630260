using System.Text;
using WLSockets.Relay;

namespace WLSockets.UnitTests.Relay;

/// <summary>The decoder cuts WinDev messages out of each direction, however the bytes are split, and shows what breaks the framing.</summary>
public class TraceDecoderTests
{
    private const TraceDirection Up = TraceDirection.ClientToServer;

    public static TheoryData<TransmissionMode, string, string, string[]> Wires => new()
    {
        { TransmissionMode.SizePrefixed, "", "9\r\nHelloWord0\r\n5\nabcde", ["HelloWord", "", "abcde"] },
        { TransmissionMode.EndTag, "<EOF>", "Hello<EOF><EOF>world<EOF>", ["Hello", "", "world"] },
        { TransmissionMode.EndTagBuffer, "\r\n", "a\r\nbc\r\n\r\nd\r\n", ["a", "bc", "", "d"] },
    };

    [Theory]
    [MemberData(nameof(Wires))]
    public void Messages_come_out_whole_whatever_the_cut(TransmissionMode mode, string marker, string wire, string[] expected)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(wire);
        for (int cut = 0; cut <= bytes.Length; cut++)
        {
            var sink = new CollectingSink();
            TraceDecoder decoder = Open(sink, mode, marker);
            decoder.OnData(1, 1, Up, bytes.AsSpan(0, cut));
            decoder.OnData(2, 1, Up, bytes.AsSpan(cut));
            decoder.OnHalfClose(3, 1, Up);
            Assert.Equal([.. expected.Select(m => "message " + m), "half-close"], WithoutAfterMarkerWarning(sink.EventsOf(Up)));
        }

        // One byte at a time.
        var oneByOne = new CollectingSink();
        TraceDecoder slow = Open(oneByOne, mode, marker);
        foreach (byte b in bytes)
        {
            slow.OnData(1, 1, Up, [b]);
        }

        Assert.Equal([.. expected.Select(m => "message " + m)], oneByOne.EventsOf(Up));
    }

    /// <summary>EndTag mode warns about coalesced messages (tested on its own below).</summary>
    private static IEnumerable<string> WithoutAfterMarkerWarning(IEnumerable<string> events) =>
        events.Where(e => !e.StartsWith("warning bytes follow an end marker", StringComparison.Ordinal));

    [Fact]
    public void Raw_mode_shows_one_message_per_receive()
    {
        var sink = new CollectingSink();
        TraceDecoder decoder = Open(sink, TransmissionMode.NoEndTag, "");
        decoder.OnData(1, 1, Up, "abc"u8);
        decoder.OnData(2, 1, Up, "de"u8);
        Assert.Equal(["message abc", "message de"], sink.EventsOf(Up));
    }

    [Fact]
    public void A_bad_length_header_gives_a_warning_with_the_bytes_then_the_rest_raw()
    {
        var sink = new CollectingSink();
        TraceDecoder decoder = Open(sink, TransmissionMode.SizePrefixed, "");
        decoder.OnData(1, 1, Up, "2\r\nokHELLO"u8);
        decoder.OnData(2, 1, Up, "3\r\nabc"u8);
        IReadOnlyList<string> events = sink.EventsOf(Up);
        Assert.Equal("message ok", events[0]);
        Assert.StartsWith("warning the framing is broken: expected a WinDev length header", events[1], StringComparison.Ordinal);
        Assert.EndsWith("| HELLO", events[1], StringComparison.Ordinal);
        Assert.Equal("data 3\r\nabc", events[2]);
        Assert.Equal(3, events.Count);
    }

    [Fact]
    public void A_message_above_the_maximum_breaks_the_framing_before_it_is_buffered()
    {
        var sink = new CollectingSink();
        TraceDecoder decoder = Open(sink, TransmissionMode.SizePrefixed, "", maxMessageSize: 4);
        decoder.OnData(1, 1, Up, "9\r\nHell"u8);
        decoder.OnData(2, 1, Up, "oWord"u8);
        Assert.Equal(2, sink.EventsOf(Up).Count);
        Assert.StartsWith("warning the framing is broken: a message exceeds the 4-byte maximum", sink.EventsOf(Up)[0], StringComparison.Ordinal);
        Assert.EndsWith("| 9\r\nHell", sink.EventsOf(Up)[0], StringComparison.Ordinal);
        Assert.Equal("data oWord", sink.EventsOf(Up)[1]);
    }

    [Fact]
    public void An_end_marker_missing_past_the_maximum_breaks_the_framing()
    {
        var sink = new CollectingSink();
        TraceDecoder decoder = Open(sink, TransmissionMode.EndTagBuffer, "<EOF>", maxMessageSize: 8);
        decoder.OnData(1, 1, Up, "0123456789abcdef"u8);
        Assert.StartsWith("warning the framing is broken: a message exceeds the 8-byte maximum", Assert.Single(sink.EventsOf(Up)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_stream_that_ends_inside_a_message_shows_the_partial_bytes()
    {
        var sink = new CollectingSink();
        TraceDecoder decoder = Open(sink, TransmissionMode.SizePrefixed, "");
        decoder.OnData(1, 1, Up, "9\r\nHell"u8);
        decoder.OnClose(2, new TraceClose(1, TraceCloseReason.Normal, null, 7, 0));
        Assert.Equal(["warning the stream ended inside a message: 7 bytes never formed a whole message; they follow. | 9\r\nHell", "close"], sink.EventsOf(Up));
    }

    [Fact]
    public void EndTag_mode_warns_once_about_bytes_after_a_marker_in_the_same_receive()
    {
        var sink = new CollectingSink();
        TraceDecoder decoder = Open(sink, TransmissionMode.EndTag, "<EOF>");
        decoder.OnData(1, 1, Up, "a<EOF>b<EOF>c<EOF>"u8);
        IReadOnlyList<string> events = sink.EventsOf(Up);
        Assert.Equal("message a", events[0]);
        Assert.StartsWith("warning bytes follow an end marker in the same receive", events[1], StringComparison.Ordinal);
        Assert.Equal(["message b", "message c"], events.Skip(2));

        var buffered = new CollectingSink();
        TraceDecoder endTagBuffer = Open(buffered, TransmissionMode.EndTagBuffer, "<EOF>");
        endTagBuffer.OnData(1, 1, Up, "a<EOF>b<EOF>"u8);
        Assert.Equal(["message a", "message b"], buffered.EventsOf(Up));
    }

    [Fact]
    public void Directions_are_decoded_independently()
    {
        var sink = new CollectingSink();
        TraceDecoder decoder = Open(sink, TransmissionMode.SizePrefixed, "");
        decoder.OnData(1, 1, Up, "5\r\nab"u8);
        decoder.OnData(2, 1, TraceDirection.ServerToClient, "2\r\nok"u8);
        decoder.OnData(3, 1, Up, "cde"u8);
        Assert.Equal(["message abcde"], sink.EventsOf(Up));
        Assert.Equal(["message ok"], sink.EventsOf(TraceDirection.ServerToClient));
    }

    private static TraceDecoder Open(CollectingSink sink, TransmissionMode mode, string marker, int maxMessageSize = 1024)
    {
        var decoder = new TraceDecoder(sink, mode, Encoding.ASCII.GetBytes(marker), maxMessageSize);
        decoder.OnOpen(0, TraceScript.Connection with { Id = 1 });
        return decoder;
    }

    /// <summary>Keeps the events of each direction as short strings ("message TEXT", "warning REASON | RAW", "data TEXT").</summary>
    private sealed class CollectingSink : ITraceSink
    {
        private readonly List<(TraceDirection? Direction, string Text)> _events = [];

        public bool WantsData => true;

        public IReadOnlyList<string> EventsOf(TraceDirection direction) =>
            [.. _events.Where(e => e.Direction is null || e.Direction == direction).Select(e => e.Text)];

        public void OnOpen(long timestampMicros, TraceConnection connection)
        {
        }

        public void OnData(long timestampMicros, long connectionId, TraceDirection direction, ReadOnlySpan<byte> data) =>
            _events.Add((direction, "data " + Encoding.ASCII.GetString(data)));

        public void OnMessage(long timestampMicros, long connectionId, TraceDirection direction, ReadOnlySpan<byte> payload) =>
            _events.Add((direction, "message " + Encoding.ASCII.GetString(payload)));

        public void OnWarning(long timestampMicros, long connectionId, TraceDirection direction, string message, ReadOnlySpan<byte> raw) =>
            _events.Add((direction, "warning " + message + (raw.IsEmpty ? "" : " | " + Encoding.ASCII.GetString(raw))));

        public void OnHalfClose(long timestampMicros, long connectionId, TraceDirection direction) => _events.Add((direction, "half-close"));

        public void OnClose(long timestampMicros, TraceClose close) => _events.Add((null, "close"));

        public void OnError(long timestampMicros, long connectionId, WLSocketException failure) => _events.Add((null, "error"));
    }
}
