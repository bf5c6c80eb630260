using System.Text;
using WLSockets.Framing;
using WLSockets.Internal;
using WLSockets.Messaging;
using WLSockets.Text;
using WLSockets.UnitTests.Fakes;

namespace WLSockets.UnitTests;

/// <summary>
/// The real receive path (<see cref="MessageReader"/> over a <see cref="ScriptedTransport"/>) fed the spec's wire
/// examples cut at every byte boundary, in two and three pieces, and one byte at a time.
/// </summary>
public class DecodePathTests
{
    private static readonly byte[] s_eof = Hex.Ascii("<EOF>");

    private sealed record DecodeCase(TransmissionMode Mode, byte[] Marker, byte[] Wire, string[] ExpectedHex);

    // Wire bytes and payloads are written from the spec (tcp-core §2, F2, F3, F9, F13), never produced by the encoder.
    private static readonly Dictionary<string, DecodeCase> s_cases = new()
    {
        ["HelloWord"] = new(TransmissionMode.SizePrefixed, s_eof, Hex.Bytes("39 0D 0A 48 65 6C 6C 6F 57 6F 72 64"), ["48 65 6C 6C 6F 57 6F 72 64"]),
        ["Utf16Hi"] = new(TransmissionMode.SizePrefixed, s_eof, Hex.Bytes("34 0D 0A 48 00 69 00"), ["48 00 69 00"]),
        ["AnsiHi"] = new(TransmissionMode.SizePrefixed, s_eof, Hex.Bytes("32 0D 0A 48 69"), ["48 69"]),
        ["Empty"] = new(TransmissionMode.SizePrefixed, s_eof, Hex.Bytes("30 0D 0A"), [""]),
        ["SizePrefixedSequence"] = new(TransmissionMode.SizePrefixed, s_eof,
            Hex.Bytes("39 0D 0A 48 65 6C 6C 6F 57 6F 72 64 34 0D 0A 48 00 69 00 30 0D 0A 32 0D 0A 48 69 33 0A 61 62 63 30 0A"),
            ["48 65 6C 6C 6F 57 6F 72 64", "48 00 69 00", "", "48 69", "61 62 63", ""]),
        ["SizePrefixedTenBytes"] = new(TransmissionMode.SizePrefixed, s_eof, Hex.Ascii("10\r\n0123456789"), [Hex.Of(Hex.Ascii("0123456789"))]),
        ["EndTagHelloWorld"] = new(TransmissionMode.EndTag, s_eof, Hex.Bytes("48 65 6C 6C 6F 20 77 6F 72 6C 64 3C 45 4F 46 3E"), ["48 65 6C 6C 6F 20 77 6F 72 6C 64"]),
        ["EndTagCrlf"] = new(TransmissionMode.EndTag, Hex.Bytes("0D 0A"), Hex.Bytes("48 65 6C 6C 6F 20 77 6F 72 6C 64 0D 0A"), ["48 65 6C 6C 6F 20 77 6F 72 6C 64"]),
        ["EndTagEot"] = new(TransmissionMode.EndTag, Hex.Bytes("04"), Hex.Bytes("48 69 04 04"), ["48 69", ""]),
        ["EndTagUtf16"] = new(TransmissionMode.EndTag, Hex.Bytes("3C 00 45 00 4F 00 46 00 3E 00"),
            Hex.Bytes("48 00 69 00 3C 00 45 00 4F 00 46 00 3E 00"), ["48 00 69 00"]),
        ["EndTagSequence"] = new(TransmissionMode.EndTag, s_eof, Hex.Ascii("a<EOF>bb<EOF><EOF>ccc<EOF>"), ["61", "62 62", "", "63 63 63"]),
        ["EndTagBufferSequence"] = new(TransmissionMode.EndTagBuffer, s_eof, Hex.Ascii("a<EOF>bb<EOF><EOF>ccc<EOF>"), ["61", "62 62", "", "63 63 63"]),
        ["SelfOverlappingMarker"] = new(TransmissionMode.EndTagBuffer, Hex.Ascii("aab"), Hex.Ascii("aaabaabaaaab"), ["61", "", "61 61"]),
        ["MarkerPrefixInPayload"] = new(TransmissionMode.EndTagBuffer, s_eof, Hex.Ascii("a<EOFb<EOF><<EOF>"), [Hex.Of(Hex.Ascii("a<EOFb")), "3C"]),
    };

    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (string name in s_cases.Keys)
        {
            data.Add(name, true);
            data.Add(name, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Whole_wire_in_one_receive(string name, bool sync)
    {
        DecodeCase c = s_cases[name];
        AssertDecodes(c, [c.Wire], sync, "one chunk");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cut_at_every_byte_boundary(string name, bool sync)
    {
        DecodeCase c = s_cases[name];
        for (int cut = 1; cut < c.Wire.Length; cut++)
        {
            AssertDecodes(c, [c.Wire[..cut], c.Wire[cut..]], sync, $"cut at {cut}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cut_in_three_at_every_pair_of_boundaries(string name, bool sync)
    {
        DecodeCase c = s_cases[name];
        for (int i = 1; i < c.Wire.Length; i++)
        {
            for (int j = i + 1; j < c.Wire.Length; j++)
            {
                AssertDecodes(c, [c.Wire[..i], c.Wire[i..j], c.Wire[j..]], sync, $"cuts at {i} and {j}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void One_byte_per_receive(string name, bool sync)
    {
        DecodeCase c = s_cases[name];
        AssertDecodes(c, c.Wire.Select(b => new[] { b }), sync, "one byte per receive");
    }

    [Fact]
    public void Raw_mode_returns_every_byte_once_in_order_and_at_most_RawReadSize_per_read()
    {
        byte[] wire = Hex.Bytes("00 01 0D 0A 3C 45 4F 46 3E 39 0D 0A FF FE 7F 80 41 42");
        const int rawReadSize = 3;
        for (int i = 1; i < wire.Length; i++)
        {
            for (int j = i; j < wire.Length; j++)
            {
                var transport = ScriptedTransport.Of(new[] { wire[..i], wire[i..j], wire[j..] }.Where(x => x.Length > 0).ToArray());
                (List<ReceivedMessage> messages, WLSocketException end) = ReadToEnd(transport, Framing(TransmissionMode.NoEndTag), sync: i % 2 == 0, rawReadSize: rawReadSize);
                Assert.Equal(WLSocketError.ConnectionClosed, end.Error);
                Assert.All(messages, m => Assert.InRange(m.Payload.Length, 1, rawReadSize));
                Assert.Equal(Hex.Of(wire), Hex.Of(messages.SelectMany(m => m.Payload).ToArray()));
            }
        }
    }

    [Fact]
    public void Raw_read_takes_at_most_RawReadSize_bytes_from_the_transport()
    {
        // tcp-core §2.4: raw mode is ONE receive of at most <Nombre maximum d'octets> bytes; asking the OS for more
        // would pull bytes the application did not ask for.
        var transport = ScriptedTransport.Of(new byte[10_000]);
        using var reader = new MessageReader(transport);
        ReceivedMessage message = Read(reader, Framing(TransmissionMode.NoEndTag), sync: true, rawReadSize: 100);
        Assert.Equal(100, message.Payload.Length);
        Assert.InRange(transport.LargestBufferOffered, 1, 100);
        Assert.Equal(0, reader.BufferedLength);
    }

    [Theory]
    [InlineData(TransmissionMode.SizePrefixed)]
    [InlineData(TransmissionMode.EndTagBuffer)]
    [InlineData(TransmissionMode.EndTag)]
    public void A_thousand_messages_in_one_receive(TransmissionMode mode)
    {
        var expected = new List<byte[]>();
        var wire = new MemoryStream();
        var random = new Random(1234);
        for (int i = 0; i < 1000; i++)
        {
            byte[] payload = new byte[random.Next(0, 300)];
            random.NextBytes(payload);
            if (mode != TransmissionMode.SizePrefixed)
            {
                payload = payload.Select(b => b == (byte)'<' ? (byte)'(' : b).ToArray(); // no marker inside
            }

            expected.Add(payload);
            wire.Write(FrameEncoder.Encode(mode, payload, s_eof));
        }

        var transport = ScriptedTransport.Of(wire.ToArray());
        (List<ReceivedMessage> messages, WLSocketException end) = ReadToEnd(transport, Framing(mode), sync: true);
        Assert.Equal(WLSocketError.ConnectionClosed, end.Error);
        Assert.Equal(expected.Count, messages.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].AsSpan().SequenceEqual(messages[i].Payload), $"message {i} differs");
        }
    }

    [Fact]
    public void A_message_already_buffered_is_returned_without_touching_the_transport()
    {
        // tcp-core §9.4 (SocketMarqueurFinBuffer): a complete buffered message is returned without a network read.
        var transport = ScriptedTransport.Of(Hex.Ascii("one<EOF>two<EOF>"));
        using var reader = new MessageReader(transport);
        FramingState framing = Framing(TransmissionMode.EndTagBuffer);
        Assert.Equal("one", Ascii(Read(reader, framing, sync: false).Payload));
        Assert.Equal(1, transport.ReceiveCalls);
        Assert.Equal("two", Ascii(Read(reader, framing, sync: false).Payload));
        Assert.Equal(1, transport.ReceiveCalls);
    }

    [Fact]
    public void EndTag_flags_data_after_the_marker_and_keeps_it_as_the_next_message()
    {
        // F4: the message before the marker is returned, the surplus is reported and kept (never lost).
        var transport = ScriptedTransport.Of(Hex.Ascii("one<EOF>two<EOF>"));
        using var reader = new MessageReader(transport);
        FramingState framing = Framing(TransmissionMode.EndTag);
        ReceivedMessage first = Read(reader, framing, sync: true);
        Assert.Equal("one", Ascii(first.Payload));
        Assert.True(first.DataAfterMarker);
        ReceivedMessage second = Read(reader, framing, sync: true);
        Assert.Equal("two", Ascii(second.Payload));
        Assert.False(second.DataAfterMarker);
    }

    [Fact]
    public void EndTag_without_surplus_is_not_flagged()
    {
        var transport = ScriptedTransport.Of(Hex.Ascii("one<EOF>"), Hex.Ascii("two<EOF>"));
        (List<ReceivedMessage> messages, _) = ReadToEnd(transport, Framing(TransmissionMode.EndTag), sync: true);
        Assert.Equal(["one", "two"], messages.Select(m => Ascii(m.Payload)));
        Assert.All(messages, m => Assert.False(m.DataAfterMarker));
    }

    [Fact]
    public void EndTagBuffer_keeps_the_surplus_silently()
    {
        var transport = ScriptedTransport.Of(Hex.Ascii("one<EOF>two<EOF>"));
        (List<ReceivedMessage> messages, _) = ReadToEnd(transport, Framing(TransmissionMode.EndTagBuffer), sync: true);
        Assert.Equal(["one", "two"], messages.Select(m => Ascii(m.Payload)));
        Assert.All(messages, m => Assert.False(m.DataAfterMarker));
    }

    [Theory]
    [InlineData(TransmissionMode.SizePrefixed, "10\r\nhello", "world", "helloworld")]
    [InlineData(TransmissionMode.SizePrefixed, "1", "0\r\nhelloworld", "helloworld")] // timeout inside the header
    [InlineData(TransmissionMode.EndTag, "hel", "lo<EOF>", "hello")]
    [InlineData(TransmissionMode.EndTagBuffer, "hello<EO", "F>", "hello")] // marker split around the timeout
    public void A_timeout_keeps_the_partial_message_and_the_next_read_resumes_it(TransmissionMode mode, string before, string after, string expected)
    {
        // F8: on expiry nothing is lost; the next read completes the same message.
        var transport = ScriptedTransport.Of(Hex.Ascii(before), ScriptedTransport.TimeoutStep, Hex.Ascii(after));
        using var reader = new MessageReader(transport);
        FramingState framing = Framing(mode);
        var timeout = Assert.Throws<WLSocketException>(() => Read(reader, framing, sync: true));
        Assert.Equal(WLSocketError.Timeout, timeout.Error);
        Assert.Equal(before.Length, reader.BufferedLength);
        Assert.Equal(expected, Ascii(Read(reader, framing, sync: true).Payload));
        Assert.Equal(0, reader.BufferedLength);
    }

    [Fact]
    public void Framing_error_desynchronises_until_the_mode_is_set_again_and_the_bytes_are_kept()
    {
        // F6: a non-numeric header fails every read the same way, without reading further, until the mode changes.
        var transport = ScriptedTransport.Of(Hex.Ascii("Hello<EOF>"));
        using var reader = new MessageReader(transport);
        FramingState sizePrefixed = Framing(TransmissionMode.SizePrefixed);
        var first = Assert.Throws<WLSocketException>(() => Read(reader, sizePrefixed, sync: true));
        Assert.Equal(WLSocketError.FramingError, first.Error);
        Assert.Contains("48656c6c6f", first.Message, StringComparison.Ordinal); // shows what arrived
        int calls = transport.ReceiveCalls;
        for (int i = 0; i < 3; i++)
        {
            var again = Assert.Throws<WLSocketException>(() => Read(reader, sizePrefixed, sync: i % 2 == 0));
            Assert.Equal(WLSocketError.FramingError, again.Error);
        }

        Assert.Equal(calls, transport.ReceiveCalls);

        reader.ClearFramingError(); // what setting Mode does (F10)
        Assert.Equal("Hello", Ascii(Read(reader, Framing(TransmissionMode.EndTag), sync: true).Payload));
    }

    [Theory]
    [InlineData("9999999999\r\n", 1024)]
    [InlineData("99999", 1024)] // decided before the header is even complete
    [InlineData("104857600\r\n", 64 * 1024 * 1024)] // 100 MiB announced, default 64 MiB maximum
    public void Announced_length_above_the_maximum_fails_at_once_without_allocating_it(string header, long max)
    {
        // F7: the header alone decides; no body byte is awaited and nothing of that size is allocated.
        var transport = ScriptedTransport.Of(Hex.Ascii(header));
        using var reader = new MessageReader(transport);
        FramingState framing = Framing(TransmissionMode.SizePrefixed);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<WLSocketException>(() => Read(reader, framing, sync: true, max: max));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(WLSocketError.MessageTooLarge, error.Error);
        Assert.Equal(1, transport.ReceiveCalls);
        Assert.False(transport.ReportedEndOfStream);
        Assert.InRange(allocated, 0, 256 * 1024);
        Assert.InRange(transport.LargestBufferOffered, 1, 64 * 1024);

        var again = Assert.Throws<WLSocketException>(() => Read(reader, framing, sync: true, max: max));
        Assert.Equal(WLSocketError.MessageTooLarge, again.Error);
        Assert.Equal(1, transport.ReceiveCalls);

        reader.ClearFramingError();
        Assert.Equal(header, Ascii(Read(reader, Framing(TransmissionMode.NoEndTag), sync: true).Payload));
    }

    [Theory]
    [InlineData(TransmissionMode.EndTag)]
    [InlineData(TransmissionMode.EndTagBuffer)]
    public void No_marker_within_the_maximum_is_too_large_and_the_buffer_stays_bounded(TransmissionMode mode)
    {
        const int max = 1000;
        byte[] flood = new byte[100_000];
        Array.Fill(flood, (byte)'a');
        var transport = ScriptedTransport.Of(flood);
        using var reader = new MessageReader(transport);
        var error = Assert.Throws<WLSocketException>(() => Read(reader, Framing(mode), sync: true, max: max));
        Assert.Equal(WLSocketError.MessageTooLarge, error.Error);
        Assert.InRange(reader.BufferedLength, max, max + s_eof.Length);
    }

    [Fact]
    public void Peer_closing_mid_message_reports_the_partial_bytes_which_stay_readable_in_raw_mode()
    {
        var transport = ScriptedTransport.Of(Hex.Ascii("10\r\nabc"));
        using var reader = new MessageReader(transport);
        FramingState framing = Framing(TransmissionMode.SizePrefixed);
        var error = Assert.Throws<WLSocketException>(() => Read(reader, framing, sync: true));
        Assert.Equal(WLSocketError.ConnectionClosed, error.Error);
        Assert.Contains("3 of the 10 announced bytes", error.Message, StringComparison.Ordinal);

        Assert.Equal("10\r\nabc", Ascii(Read(reader, Framing(TransmissionMode.NoEndTag), sync: true).Payload));
        var end = Assert.Throws<WLSocketException>(() => Read(reader, Framing(TransmissionMode.NoEndTag), sync: true));
        Assert.Equal(WLSocketError.ConnectionClosed, end.Error);
    }

    [Fact]
    public void Peer_closing_mid_marker_message_reports_the_partial_bytes()
    {
        var transport = ScriptedTransport.Of(Hex.Ascii("abc<EO"));
        using var reader = new MessageReader(transport);
        var error = Assert.Throws<WLSocketException>(() => Read(reader, Framing(TransmissionMode.EndTagBuffer), sync: false));
        Assert.Equal(WLSocketError.ConnectionClosed, error.Error);
        Assert.Contains("6 bytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TransmissionMode.SizePrefixed)]
    [InlineData(TransmissionMode.EndTag)]
    [InlineData(TransmissionMode.NoEndTag)]
    public void Clean_end_of_stream_is_ConnectionClosed_on_every_later_read(TransmissionMode mode)
    {
        // S7: every later read fails the same way, without asking the transport again.
        var transport = ScriptedTransport.Of();
        using var reader = new MessageReader(transport);
        for (int i = 0; i < 3; i++)
        {
            var error = Assert.Throws<WLSocketException>(() => Read(reader, Framing(mode), sync: i % 2 == 0));
            Assert.Equal(WLSocketError.ConnectionClosed, error.Error);
        }

        Assert.Equal(1, transport.ReceiveCalls);
        Assert.True(reader.EndOfStream);
    }

    [Fact]
    public void Raw_mode_hands_out_buffered_bytes_before_reporting_the_end()
    {
        var transport = ScriptedTransport.Of(Hex.Ascii("abc"));
        (List<ReceivedMessage> messages, WLSocketException end) = ReadToEnd(transport, Framing(TransmissionMode.NoEndTag), sync: false);
        Assert.Equal(["abc"], messages.Select(m => Ascii(m.Payload)));
        Assert.Equal(WLSocketError.ConnectionClosed, end.Error);
    }

    [Fact]
    public void Bytes_buffered_under_one_mode_are_read_under_the_next()
    {
        // F10: one receive brings a length-prefixed message and a marker-framed one; the mode changes between reads.
        var transport = ScriptedTransport.Of(Hex.Ascii("5\r\nhelloabc<EOF>raw"));
        using var reader = new MessageReader(transport);
        Assert.Equal("hello", Ascii(Read(reader, Framing(TransmissionMode.SizePrefixed), sync: true).Payload));
        Assert.Equal("abc", Ascii(Read(reader, Framing(TransmissionMode.EndTagBuffer), sync: true).Payload));
        Assert.Equal("raw", Ascii(Read(reader, Framing(TransmissionMode.NoEndTag), sync: true).Payload));
        Assert.Equal(1, transport.ReceiveCalls);
    }

    [Fact]
    public void Changing_the_marker_after_a_timeout_searches_the_kept_bytes_from_the_start()
    {
        // F10: kept bytes are interpreted under the new framing. A search position remembered for the old marker
        // must not make the new marker be missed.
        var transport = ScriptedTransport.Of(Hex.Ascii("aXbbbbbbbbbbbbbbbbbb"), ScriptedTransport.TimeoutStep);
        using var reader = new MessageReader(transport);
        var timeout = Assert.Throws<WLSocketException>(() => Read(reader, Framing(TransmissionMode.EndTag), sync: true));
        Assert.Equal(WLSocketError.Timeout, timeout.Error);

        FramingState newMarker = Framing(TransmissionMode.EndTag).WithMarker(Hex.Ascii("X"));
        Assert.Equal("a", Ascii(Read(reader, newMarker, sync: true).Payload));
    }

    [Fact]
    public void Raw_mode_with_an_idle_delay_gathers_receives_until_silence()
    {
        // F11: keep appending receives until no data arrives for the idle delay, then return what was gathered.
        var transport = ScriptedTransport.Of(Hex.Ascii("ab"), Hex.Ascii("cd"), ScriptedTransport.TimeoutStep, Hex.Ascii("ef"));
        using var reader = new MessageReader(transport);
        FramingState raw = Framing(TransmissionMode.NoEndTag);
        Assert.Equal("abcd", Ascii(Read(reader, raw, sync: true, idle: TimeSpan.FromSeconds(1)).Payload));
        Assert.Equal("ef", Ascii(Read(reader, raw, sync: true, idle: TimeSpan.FromSeconds(1)).Payload));
    }

    [Fact]
    public void Raw_mode_without_an_idle_delay_returns_a_single_receive()
    {
        var transport = ScriptedTransport.Of(Hex.Ascii("ab"), Hex.Ascii("cd"));
        using var reader = new MessageReader(transport);
        Assert.Equal("ab", Ascii(Read(reader, Framing(TransmissionMode.NoEndTag), sync: true).Payload));
        Assert.Equal(1, transport.ReceiveCalls);
    }

    [Fact]
    public void UTF16_default_marker_decodes_UTF16_strings()
    {
        FramingState framing = FramingState.Create(TransmissionMode.EndTagBuffer, Markers.DefaultText, WinDevEncodings.Utf16);
        Assert.Equal("3C 00 45 00 4F 00 46 00 3E 00", Hex.Of(framing.Marker));
        var transport = ScriptedTransport.Of(Hex.Bytes("63 00 61 00 66 00 E9 00 3C 00 45 00 4F 00 46 00 3E 00"));
        using var reader = new MessageReader(transport);
        Assert.Equal("café", WinDevEncodings.Utf16.GetString(Read(reader, framing, sync: true).Payload));
    }

    private static FramingState Framing(TransmissionMode mode) => FramingState.Create(mode, Markers.DefaultText, WinDevEncodings.Ansi);

    private static string Ascii(byte[] bytes) => Encoding.ASCII.GetString(bytes);

    private static ReceivedMessage Read(MessageReader reader, FramingState framing, bool sync, long max = 1 << 20, int rawReadSize = 4096, TimeSpan idle = default)
    {
        IOBehavior io = sync ? IOBehavior.Synchronous : IOBehavior.Asynchronous;
        // The scripted transport never waits, so both behaviours complete synchronously.
        return Sync.Result(reader.ReadAsync(io, framing, max, rawReadSize, idle, Deadline.Infinite, CancellationToken.None));
    }

    private static (List<ReceivedMessage> Messages, WLSocketException End) ReadToEnd(ScriptedTransport transport, FramingState framing, bool sync,
        long max = 1 << 20, int rawReadSize = 4096)
    {
        using var reader = new MessageReader(transport);
        var messages = new List<ReceivedMessage>();
        while (messages.Count < 100_000)
        {
            try
            {
                messages.Add(Read(reader, framing, sync, max, rawReadSize));
            }
            catch (WLSocketException ex)
            {
                return (messages, ex);
            }
        }

        throw new InvalidOperationException("The reader never reached the end of the stream.");
    }

    private static void AssertDecodes(DecodeCase c, IEnumerable<byte[]> chunks, bool sync, string context)
    {
        FramingState framing = FramingState.Create(c.Mode, Markers.DefaultText, WinDevEncodings.Ansi).WithMarker(c.Marker);
        (List<ReceivedMessage> messages, WLSocketException end) = ReadToEnd(ScriptedTransport.Of(chunks.ToArray()), framing, sync);
        string[] actual = messages.Select(m => Hex.Of(m.Payload)).ToArray();
        if (end.Error != WLSocketError.ConnectionClosed || !actual.SequenceEqual(c.ExpectedHex))
        {
            Assert.Fail($"{context} ({(sync ? "sync" : "async")}): got [{string.Join(" | ", actual)}] then {end.Error} \"{end.Message}\"; expected [{string.Join(" | ", c.ExpectedHex)}] then ConnectionClosed");
        }
    }
}
