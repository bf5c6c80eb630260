namespace WLSockets.Chat;

/// <summary>A message as a chat shows it.</summary>
/// <param name="Text">The readable text (RTF converted); <c>nick : text</c> for messages of WinDev-style clients.</param>
/// <param name="WasRtf">True when the message arrived as an RTF document.</param>
/// <param name="Raw">The exact bytes received.</param>
public sealed record ChatLine(string Text, bool WasRtf, byte[] Raw)
{
    /// <summary>The nickname before the first <c>" : "</c>, or null when the text has none.</summary>
    public string? Nickname
    {
        get
        {
            int at = Text.IndexOf(ChatProtocol.NicknameSeparator, StringComparison.Ordinal);
            return at > 0 && at <= 64 ? Text[..at] : null;
        }
    }

    /// <summary>The text after the nickname (the whole text when there is none).</summary>
    public string Body => Nickname is { } nick ? Text[(nick.Length + ChatProtocol.NicknameSeparator.Length)..] : Text;
}
