using System.Text;
using WLSockets.Framing;
using WLSockets.Messaging;
using WLSockets.Text;

namespace WLSockets.UnitTests;

/// <summary>Encodings (F1, F3) and marker names (F13).</summary>
public class TextAndMarkerTests
{
    [Theory]
    [InlineData("ansi", 1252)]
    [InlineData("ANSI", 1252)]
    [InlineData("windows-1252", 1252)]
    [InlineData("Windows-1252", 1252)]
    [InlineData("1252", 1252)]
    [InlineData("cp1252", 1252)]
    [InlineData(" ansi ", 1252)]
    [InlineData("utf8", 65001)]
    [InlineData("UTF-8", 65001)]
    [InlineData("utf-8", 65001)]
    [InlineData("utf16", 1200)]
    [InlineData("utf-16", 1200)]
    [InlineData("UTF-16LE", 1200)]
    [InlineData("utf16le", 1200)]
    [InlineData("unicode", 1200)]
    [InlineData("Unicode", 1200)]
    public void FromName_accepts_every_documented_name(string name, int codePage)
    {
        Assert.Equal(codePage, WinDevEncodings.FromName(name).CodePage);
    }

    [Fact]
    public void Every_listed_name_resolves()
    {
        Assert.Equal(["ansi", "utf8", "utf16"], WinDevEncodings.Names);
        Assert.All(WinDevEncodings.Names, n => Assert.NotNull(WinDevEncodings.FromName(n)));
    }

    [Theory]
    [InlineData("latin1")]
    [InlineData("utf-32")]
    [InlineData("utf-16be")]
    [InlineData("")]
    [InlineData("ascii")]
    public void FromName_refuses_other_names_with_a_clear_message(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => WinDevEncodings.FromName(name));
        Assert.Equal("name", error.ParamName);
        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ansi, utf8, utf16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromName_null_is_ArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => WinDevEncodings.FromName(null!));
    }

    [Fact]
    public void Cafe_in_each_encoding()
    {
        Assert.Equal("63 61 66 E9", Hex.Of(WinDevEncodings.Ansi.GetBytes("café")));
        Assert.Equal("63 61 66 C3 A9", Hex.Of(WinDevEncodings.Utf8.GetBytes("café")));
        Assert.Equal("63 00 61 00 66 00 E9 00", Hex.Of(WinDevEncodings.Utf16.GetBytes("café")));
        Assert.Equal("café", WinDevEncodings.Ansi.GetString(Hex.Bytes("63 61 66 E9")));
    }

    [Fact]
    public void Windows1252_specific_characters_are_not_Latin1()
    {
        // 0x80 is the euro sign in Windows-1252 (a C1 control in ISO-8859-1): proves the code page really is 1252.
        Assert.Equal("80", Hex.Of(WinDevEncodings.Ansi.GetBytes("€")));
        Assert.Equal("€", WinDevEncodings.Ansi.GetString([0x80]));
    }

    [Fact]
    public void No_encoding_writes_a_byte_order_mark()
    {
        Assert.Empty(WinDevEncodings.Ansi.GetPreamble());
        Assert.Empty(WinDevEncodings.Utf8.GetPreamble());
        Assert.Empty(WinDevEncodings.Utf16.GetPreamble());
    }

    [Theory]
    [InlineData("RC", "0D 0A")]
    [InlineData("rc", "0D 0A")]
    [InlineData("CRLF", "0D 0A")]
    [InlineData("crlf", "0D 0A")]
    [InlineData("EOT", "04")]
    [InlineData("eot", "04")]
    [InlineData("LF", "0A")]
    [InlineData("NUL", "00")]
    [InlineData("<EOF>", "3C 45 4F 46 3E")]
    [InlineData("é", "E9")]
    [InlineData("END", "45 4E 44")]
    public void Parse_names_and_literals(string text, string expected)
    {
        Assert.Equal(expected, Hex.Of(Markers.Parse(text, WinDevEncodings.Ansi)));
    }

    [Theory]
    [InlineData("RC", "0D 0A")]
    [InlineData("CRLF", "0D 0A")]
    [InlineData("EOT", "04")]
    [InlineData("<EOF>", "3C 00 45 00 4F 00 46 00 3E 00")]
    public void Parse_names_ignore_the_encoding_but_literals_use_it(string text, string expected)
    {
        // F3, F13: RC/CRLF/EOT are bytes whatever the encoding; other text is encoded like the payload strings.
        Assert.Equal(expected, Hex.Of(Markers.Parse(text, WinDevEncodings.Utf16)));
    }

    [Fact]
    public void Parse_empty_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Markers.Parse("", WinDevEncodings.Ansi));
    }

    [Fact]
    public void Encode_constants_are_the_WLangage_bytes_in_every_encoding()
    {
        foreach (Encoding encoding in new[] { WinDevEncodings.Ansi, WinDevEncodings.Utf8, WinDevEncodings.Utf16 })
        {
            Assert.Equal("0D 0A", Hex.Of(Markers.Encode(Markers.RC, encoding)));
            Assert.Equal("0D 0A", Hex.Of(Markers.Encode(Markers.CRLF, encoding)));
            Assert.Equal("04", Hex.Of(Markers.Encode(Markers.EOT, encoding)));
        }

        Assert.Equal("3C 45 4F 46 3E", Hex.Of(Markers.Encode(Markers.DefaultText, WinDevEncodings.Ansi)));
        Assert.Equal("3C 00 45 00 4F 00 46 00 3E 00", Hex.Of(Markers.Encode(Markers.DefaultText, WinDevEncodings.Utf16)));
        Assert.Throws<ArgumentException>(() => Markers.Encode("", WinDevEncodings.Ansi));
    }

    [Fact]
    public void Framing_reencodes_a_text_marker_when_the_encoding_changes_but_keeps_a_byte_marker()
    {
        FramingState text = FramingState.Create(TransmissionMode.EndTag, "<EOF>", WinDevEncodings.Ansi);
        Assert.Equal("3C 00 45 00 4F 00 46 00 3E 00", Hex.Of(text.WithEncoding(WinDevEncodings.Utf16).Marker));

        FramingState bytes = text.WithMarker(Hex.Bytes("FF 00"));
        Assert.Equal("FF 00", Hex.Of(bytes.WithEncoding(WinDevEncodings.Utf16).Marker));
    }

    [Fact]
    public void Framing_refuses_invalid_modes_and_empty_markers()
    {
        FramingState framing = FramingState.Create(TransmissionMode.SizePrefixed, "<EOF>", WinDevEncodings.Ansi);
        Assert.Throws<ArgumentOutOfRangeException>(() => framing.WithMode((TransmissionMode)4));
        Assert.Throws<ArgumentOutOfRangeException>(() => FramingState.Create((TransmissionMode)(-1), "<EOF>", WinDevEncodings.Ansi));
        Assert.Throws<ArgumentException>(() => framing.WithMarker(ReadOnlySpan<byte>.Empty));
        Assert.Throws<ArgumentException>(() => framing.WithMarker(""));
    }

    [Fact]
    public void Transmission_mode_values_are_WinDev_constants()
    {
        // tcp-core §2 table: SocketMarqueurFin 0, SocketTailleDébut 1, SocketMarqueurFinBuffer 2, SocketSansMarqueurFin 3.
        Assert.Equal(0, (int)TransmissionMode.EndTag);
        Assert.Equal(1, (int)TransmissionMode.SizePrefixed);
        Assert.Equal(2, (int)TransmissionMode.EndTagBuffer);
        Assert.Equal(3, (int)TransmissionMode.NoEndTag);
    }
}
