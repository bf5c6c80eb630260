using WLSockets.Text;
using WLSockets.Chat.Rtf;

namespace WLSockets.Chat.Tests;

public class RtfTests
{
    [Fact]
    public void The_WinDev_message_is_the_rich_text_document_with_the_bold_nickname_first()
    {
        string rtf = RtfMessage.Build("Alice", "Salut");
        Assert.Equal(
            "{\\rtf1\\ansi\\ansicpg1252\\deff0\\deflang1036{\\fonttbl{\\f0\\fnil\\fcharset0 Tahoma;}}\r\n" +
            "\\viewkind4\\uc1\\pard\\b\\f0\\fs16 Alice : \\b0 Salut\\par\r\n}\r\n", rtf);
    }

    [Fact]
    public void Accents_braces_and_line_breaks_are_escaped_and_come_back()
    {
        string rtf = RtfMessage.Build("Zoé", "un {a} \\ b\r\ncafé € ✓");
        Assert.Contains("Zo\\'e9 : ", rtf, StringComparison.Ordinal);
        Assert.Contains("un \\{a\\} \\\\ b\\par\r\ncaf\\'e9 \\'80 \\u10003?", rtf, StringComparison.Ordinal);
        Assert.All(rtf, c => Assert.True(c < 0x80, $"non-ASCII character U+{(int)c:X4} in the RTF"));
        Assert.True(RtfText.TryToPlainText(rtf, out string text, out string? error), error);
        Assert.Equal("Zoé : un {a} \\ b\ncafé € ✓", text);
    }

    [Fact]
    public void A_WordPad_document_with_tables_and_optional_destinations_shows_only_its_text()
    {
        const string Rtf = "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0\\froman Times;}{\\f1 Arial;}}{\\colortbl ;\\red255\\green0\\blue0;}" +
            "{\\*\\generator Riched20 10.0;}{\\info{\\author X}}\\pard\\cf1\\b Bob : \\b0\\i hello\\i0\\tab world\\line " +
            "{\\*\\unknown skipped}second\\~line {\\pict\\pngblip 89504e47}\\u8364?\\'e9\\par}";
        Assert.True(RtfText.TryToPlainText(Rtf, out string text, out string? error), error);
        Assert.Equal("Bob : hello\tworld\nsecond\u00A0line €é", text);
    }

    [Fact]
    public void Plain_text_is_shown_as_is()
    {
        Assert.False(RtfText.IsRtf("Alice : {\\rtf1 not at the start"));
        Assert.Equal("Alice : hi", RtfText.ToDisplayText("Alice : hi"));
        Assert.True(RtfText.IsRtf("  {\\rtf1 x}"));
    }

    [Fact]
    public void Too_deep_nesting_is_refused_with_a_reason()
    {
        string deep = "{\\rtf1 " + new string('{', RtfText.MaxDepth) + "x" + new string('}', RtfText.MaxDepth) + "}";
        Assert.False(RtfText.TryToPlainText(deep, out _, out string? error));
        Assert.Contains("nested more than 64", error, StringComparison.Ordinal);
        Assert.StartsWith("[unreadable RTF message: ", RtfText.ToDisplayText(deep), StringComparison.Ordinal);
    }

    [Fact]
    public void Too_large_input_is_refused_before_being_read()
    {
        string huge = "{\\rtf1 " + new string('a', RtfText.MaxInputLength) + "}";
        Assert.False(RtfText.TryToPlainText(huge, out _, out string? error));
        Assert.Contains("more than the", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\\rtf1 open")]
    [InlineData("{\\rtf1 x}}")]
    public void Unbalanced_braces_are_refused(string rtf) =>
        Assert.False(RtfText.TryToPlainText(rtf, out _, out _));

    [Fact]
    public void A_huge_bin_length_or_control_word_parameter_cannot_run_past_the_input()
    {
        Assert.True(RtfText.TryToPlainText("{\\rtf1 a\\bin99999999999 }", out string text, out string? binError), binError);
        Assert.Equal("a", text);
        Assert.True(RtfText.TryToPlainText("{\\rtf1 a\\bin2 xyb}", out string skipped, out binError), binError);
        Assert.Equal("ab", skipped);
        Assert.False(RtfText.TryToPlainText("{\\rtf1 a\\bin900 xy}", out _, out _));
        Assert.True(RtfText.TryToPlainText("{\\rtf1 a\\u99999999999999? b}", out string other, out string? error), error);
        Assert.StartsWith("a", other, StringComparison.Ordinal);
    }
}
