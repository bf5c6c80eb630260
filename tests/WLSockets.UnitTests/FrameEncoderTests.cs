using System.Text;
using WLSockets.Framing;
using WLSockets.Text;

namespace WLSockets.UnitTests;

/// <summary>Every byte example of tcp-core.md §2 and open questions F1–F3, F9, F13, written byte for byte.</summary>
public class FrameEncoderTests
{
    private static readonly byte[] s_defaultMarker = Markers.Encode(Markers.DefaultText, WinDevEncodings.Ansi);

    [Fact]
    public void SizePrefixed_HelloWord_is_the_documented_frame()
    {
        // tcp-core §2.1: "9" + RC + "HelloWord" -> 39 0D 0A 48 65 6C 6C 6F 57 6F 72 64
        byte[] frame = FrameEncoder.Encode(TransmissionMode.SizePrefixed, Hex.Ascii("HelloWord"), s_defaultMarker);
        Assert.Equal("39 0D 0A 48 65 6C 6C 6F 57 6F 72 64", Hex.Of(frame));
    }

    [Fact]
    public void SizePrefixed_counts_bytes_of_a_UTF16_string()
    {
        // F2: UTF-16LE "Hi" is 4 bytes -> 34 0D 0A 48 00 69 00
        byte[] frame = FrameEncoder.Encode(TransmissionMode.SizePrefixed, WinDevEncodings.Utf16.GetBytes("Hi"), s_defaultMarker);
        Assert.Equal("34 0D 0A 48 00 69 00", Hex.Of(frame));
    }

    [Fact]
    public void SizePrefixed_ANSI_Hi()
    {
        byte[] frame = FrameEncoder.Encode(TransmissionMode.SizePrefixed, WinDevEncodings.Ansi.GetBytes("Hi"), s_defaultMarker);
        Assert.Equal("32 0D 0A 48 69", Hex.Of(frame));
    }

    [Fact]
    public void SizePrefixed_empty_message_is_zero_CR_LF()
    {
        // F9 / §2.1: an empty message is 30 0D 0A
        Assert.Equal("30 0D 0A", Hex.Of(FrameEncoder.Encode(TransmissionMode.SizePrefixed, [], s_defaultMarker)));
    }

    [Theory]
    [InlineData(1, "31 0D 0A")]
    [InlineData(10, "31 30 0D 0A")]
    [InlineData(4096, "34 30 39 36 0D 0A")]
    [InlineData(9999999999, "39 39 39 39 39 39 39 39 39 39 0D 0A")]
    public void SizePrefixed_header_is_plain_ASCII_decimal_without_padding(long length, string expected)
    {
        var header = new byte[LengthPrefixFramer.MaxHeaderLength];
        int written = LengthPrefixFramer.WriteHeader(length, header);
        Assert.Equal(expected, Hex.Of(header.AsSpan(0, written)));
        Assert.Equal(written, LengthPrefixFramer.HeaderLength(length));
    }

    [Fact]
    public void Header_of_a_negative_length_is_refused()
    {
        var header = new byte[LengthPrefixFramer.MaxHeaderLength];
        Assert.Throws<ArgumentOutOfRangeException>(() => LengthPrefixFramer.WriteHeader(-1, header));
    }

    [Theory]
    [InlineData(TransmissionMode.EndTag)]
    [InlineData(TransmissionMode.EndTagBuffer)]
    public void EndTag_default_marker_is_the_text_EOF(TransmissionMode mode)
    {
        // §2.2: "Hello world" + <EOF> -> 48 65 6C 6C 6F 20 77 6F 72 6C 64 3C 45 4F 46 3E (both marker modes, §2.3)
        byte[] frame = FrameEncoder.Encode(mode, Hex.Ascii("Hello world"), s_defaultMarker);
        Assert.Equal("48 65 6C 6C 6F 20 77 6F 72 6C 64 3C 45 4F 46 3E", Hex.Of(frame));
    }

    [Fact]
    public void EndTag_with_CRLF_marker_ends_with_0D_0A()
    {
        byte[] frame = FrameEncoder.Encode(TransmissionMode.EndTag, Hex.Ascii("Hello world"), Markers.Encode(Markers.CRLF, WinDevEncodings.Ansi));
        Assert.Equal("48 65 6C 6C 6F 20 77 6F 72 6C 64 0D 0A", Hex.Of(frame));
    }

    [Fact]
    public void EndTag_with_EOT_marker_ends_with_04()
    {
        byte[] frame = FrameEncoder.Encode(TransmissionMode.EndTag, Hex.Ascii("Hi"), Markers.Encode(Markers.EOT, WinDevEncodings.Ansi));
        Assert.Equal("48 69 04", Hex.Of(frame));
    }

    [Fact]
    public void EndTag_UTF16_string_with_UTF16_default_marker()
    {
        // F3: in a Unicode socket the marker text <EOF> is 10 bytes.
        Encoding utf16 = WinDevEncodings.Utf16;
        byte[] frame = FrameEncoder.Encode(TransmissionMode.EndTag, utf16.GetBytes("Hi"), Markers.Encode(Markers.DefaultText, utf16));
        Assert.Equal("48 00 69 00 3C 00 45 00 4F 00 46 00 3E 00", Hex.Of(frame));
    }

    [Fact]
    public void EndTag_empty_message_is_the_marker_alone()
    {
        // F9: marker modes send the marker only.
        Assert.Equal("3C 45 4F 46 3E", Hex.Of(FrameEncoder.Encode(TransmissionMode.EndTag, [], s_defaultMarker)));
    }

    [Fact]
    public void Raw_mode_sends_the_bytes_unchanged()
    {
        byte[] payload = Hex.Bytes("00 0D 0A 3C 45 4F 46 3E FF 39");
        Assert.Equal(Hex.Of(payload), Hex.Of(FrameEncoder.Encode(TransmissionMode.NoEndTag, payload, s_defaultMarker)));
        Assert.Empty(FrameEncoder.Encode(TransmissionMode.NoEndTag, [], s_defaultMarker));
    }

    [Theory]
    [InlineData(TransmissionMode.SizePrefixed, 0)]
    [InlineData(TransmissionMode.SizePrefixed, 9)]
    [InlineData(TransmissionMode.SizePrefixed, 10)]
    [InlineData(TransmissionMode.SizePrefixed, 70_000)]
    [InlineData(TransmissionMode.EndTag, 0)]
    [InlineData(TransmissionMode.EndTagBuffer, 123)]
    [InlineData(TransmissionMode.NoEndTag, 77)]
    public void FrameLength_matches_what_Write_writes(TransmissionMode mode, int payloadLength)
    {
        byte[] payload = new byte[payloadLength];
        byte[] frame = FrameEncoder.Encode(mode, payload, s_defaultMarker);
        Assert.Equal(FrameEncoder.FrameLength(mode, payloadLength, s_defaultMarker.Length), frame.Length);
    }

    [Fact]
    public void Unknown_mode_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FrameEncoder.FrameLength((TransmissionMode)7, 1, 1));
    }
}
