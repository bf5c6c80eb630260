namespace WLSockets.Chat;

/// <summary>The wire literals of the WinDev chat example "WD Utilisation des sockets" (examples.md §1.2).</summary>
public static class ChatProtocol
{
    /// <summary>The example's default port.</summary>
    public const int DefaultPort = 5010;

    /// <summary>What a client sends before closing (same in the French and English builds).</summary>
    public const string Bye = "BYE";

    /// <summary>The separator the WinDev client puts between the nickname and the text.</summary>
    public const string NicknameSeparator = " : ";

    /// <summary>The plain-text message the WinDev client would send (before its RTF wrapping): <c>nick : text</c>.</summary>
    public static string PlainMessage(string nickname, string text) => nickname + NicknameSeparator + text;

    /// <summary>True for the exact three bytes <c>BYE</c>.</summary>
    public static bool IsBye(ReadOnlySpan<byte> message) => message.SequenceEqual("BYE"u8);
}
