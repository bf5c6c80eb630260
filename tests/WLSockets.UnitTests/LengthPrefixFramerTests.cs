using WLSockets.Framing;

namespace WLSockets.UnitTests;

/// <summary>Header parsing of SocketTailleDébut per open question F6 (robustness) and F7 (maximum size).</summary>
public class LengthPrefixFramerTests
{
    private const long NoLimit = long.MaxValue;

    [Theory]
    [InlineData("9\r\n", 3, 9)]
    [InlineData("9\n", 2, 9)] // a bare LF is accepted (F6)
    [InlineData("0\r\n", 3, 0)]
    [InlineData("0\n", 2, 0)]
    [InlineData("4096\r\n", 6, 4096)]
    [InlineData("9999999999\r\n", 12, 9_999_999_999)] // 10 digits is the longest legal header
    [InlineData("12\r\nbody bytes", 4, 12)] // body bytes are not part of the header
    public void Valid_headers_are_read(string input, int expectedHeader, long expectedLength)
    {
        FrameStatus status = LengthPrefixFramer.TryReadHeader(Hex.Ascii(input), NoLimit, out int header, out long length);
        Assert.Equal(FrameStatus.Complete, status);
        Assert.Equal(expectedHeader, header);
        Assert.Equal(expectedLength, length);
    }

    [Theory]
    [InlineData("+5\r\n")] // sign
    [InlineData("-5\r\n")]
    [InlineData(" 5\r\n")] // spaces
    [InlineData("5 \r\n")]
    [InlineData("5\t\r\n")]
    [InlineData("a\r\n")] // letters
    [InlineData("5a\r\n")]
    [InlineData("0x10\r\n")]
    [InlineData("\r\n")] // empty header
    [InlineData("\n")]
    [InlineData("\r")]
    [InlineData("12345678901\r\n")] // 11 digits
    [InlineData("12345678901")] // 11 digits, terminator not even there yet
    [InlineData("00000000000")]
    [InlineData("5\rX")] // CR not followed by LF
    [InlineData("5\r\r\n")]
    [InlineData("<EOF>")] // a peer in marker mode
    [InlineData("Hello")]
    public void Malformed_headers_are_InvalidHeader(string input)
    {
        Assert.Equal(FrameStatus.InvalidHeader, LengthPrefixFramer.TryReadHeader(Hex.Ascii(input), NoLimit, out _, out _));
        Assert.Equal(FrameStatus.InvalidHeader, LengthPrefixFramer.TryRead(Hex.Ascii(input), NoLimit, out _, out _));
    }

    [Fact]
    public void Invalid_byte_anywhere_in_the_header_position_is_detected_as_soon_as_it_arrives()
    {
        // A non-digit as first byte is invalid with nothing else buffered: no need to wait for more data.
        foreach (byte b in Enumerable.Range(0, 256).Select(i => (byte)i))
        {
            FrameStatus status = LengthPrefixFramer.TryReadHeader([b], NoLimit, out _, out _);
            FrameStatus expected = b is >= (byte)'0' and <= (byte)'9' ? FrameStatus.NeedMoreData : FrameStatus.InvalidHeader;
            Assert.True(expected == status, $"first byte 0x{b:X2}: expected {expected}, got {status}");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("12")]
    [InlineData("5\r")]
    [InlineData("1234567890")] // 10 digits, terminator still to come
    [InlineData("1234567890\r")]
    public void Valid_prefixes_need_more_data(string input)
    {
        Assert.Equal(FrameStatus.NeedMoreData, LengthPrefixFramer.TryReadHeader(Hex.Ascii(input), NoLimit, out _, out _));
    }

    [Fact]
    public void Every_prefix_of_a_valid_frame_needs_more_data()
    {
        byte[] frame = Hex.Ascii("12\r\nHello world!");
        for (int cut = 0; cut < frame.Length; cut++)
        {
            FrameStatus status = LengthPrefixFramer.TryRead(frame.AsSpan(0, cut), 1000, out _, out _);
            Assert.True(status == FrameStatus.NeedMoreData, $"prefix of {cut} bytes: {status}");
        }

        Assert.Equal(FrameStatus.Complete, LengthPrefixFramer.TryRead(frame, 1000, out Range payload, out int consumed));
        Assert.Equal(frame.Length, consumed);
        Assert.Equal("Hello world!", System.Text.Encoding.ASCII.GetString(frame[payload]));
    }

    [Theory]
    [InlineData("9999999999\r\n", 1024)] // the header alone decides: no body byte buffered
    [InlineData("9999999999", 1024)] // even before the terminator
    [InlineData("1025\r\n", 1024)]
    [InlineData("1025\n", 1024)]
    [InlineData("1025", 1024)]
    [InlineData("10250", 1024)]
    [InlineData("1\r\n", 0)]
    [InlineData("104857600\r\n", 64 * 1024 * 1024)] // 100 MiB announced, 64 MiB allowed (F7 default)
    public void Too_large_is_decided_from_the_header_alone(string input, long max)
    {
        Assert.Equal(FrameStatus.TooLarge, LengthPrefixFramer.TryReadHeader(Hex.Ascii(input), max, out _, out _));
        Assert.Equal(FrameStatus.TooLarge, LengthPrefixFramer.TryRead(Hex.Ascii(input), max, out _, out _));
    }

    [Theory]
    [InlineData("1024\r\n", 1024)] // exactly the maximum is allowed
    [InlineData("102", 1024)] // could still become 1024 or less... or 1020-1029: undecided
    [InlineData("0\r\n", 0)]
    public void At_most_the_maximum_is_not_too_large(string input, long max)
    {
        Assert.NotEqual(FrameStatus.TooLarge, LengthPrefixFramer.TryReadHeader(Hex.Ascii(input), max, out _, out _));
    }

    [Fact]
    public void Complete_frame_gives_payload_range_and_consumed_count_and_ignores_what_follows()
    {
        byte[] input = Hex.Bytes("35 0D 0A 48 65 6C 6C 6F 33 0D 0A"); // "5\r\nHello" then the start of another frame
        Assert.Equal(FrameStatus.Complete, LengthPrefixFramer.TryRead(input, NoLimit, out Range payload, out int consumed));
        Assert.Equal("48 65 6C 6C 6F", Hex.Of(input[payload]));
        Assert.Equal(8, consumed);
    }

    [Fact]
    public void Header_complete_but_body_missing_needs_more_data()
    {
        Assert.Equal(FrameStatus.NeedMoreData, LengthPrefixFramer.TryRead(Hex.Ascii("5\r\nHell"), NoLimit, out _, out int consumed));
        Assert.Equal(0, consumed);
    }
}
