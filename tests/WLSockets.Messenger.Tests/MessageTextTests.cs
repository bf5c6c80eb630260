using WLSockets.Text;

namespace WLSockets.Messenger.Tests;

/// <summary>RTF messages (a WinDev rich-text input, OQ X1) shown as text; the <c>~=</c> comparison of DEMANDE_ARRET.</summary>
public sealed class MessageTextTests
{
    [Fact]
    public void A_WinDev_style_RTF_message_reads_as_its_text()
    {
        const string Rtf = @"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fnil\fcharset0 Tahoma;}}{\colortbl ;\red255\green0\blue0;}" +
            @"{\*\generator Riched20 10.0;}\viewkind4\uc1\pard\cf1\lang1036\f0\fs16 Bonjour \'e0 tous\par Deuxi\u232?me ligne \{ok\}\par}";
        Assert.Equal("Bonjour à tous\nDeuxième ligne {ok}", RtfText.ToDisplayText(Rtf));
    }

    [Theory]
    [InlineData("plain text")]
    [InlineData(@"not {\rtf at the start")]
    [InlineData("")]
    public void Other_text_is_unchanged(string text) => Assert.Equal(text, RtfText.ToDisplayText(text));

    [Theory]
    [InlineData("DEMANDE_ARRET", true)]
    [InlineData("Demande_Arret", true)]
    [InlineData(" DEMANDE_ARRET\t", true)]
    [InlineData("DEMANDE _ARRÊT", true)]
    [InlineData("DEMANDE_ARRET!", false)]
    [InlineData("DEMANDE-ARRET", false)]
    [InlineData("", false)]
    public void The_stop_request_is_compared_as_WLangage_very_similar(string message, bool stop) =>
        Assert.Equal(stop, MessengerProtocol.IsStopRequest(message));
}
