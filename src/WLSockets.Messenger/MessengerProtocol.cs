using System.Globalization;
using System.Text;

namespace WLSockets.Messenger;

/// <summary>
/// The wire literals of WinDev's "WD Messagerie Instantanée" example. Every exchange is one message in WinDev's
/// default framing (length prefix, Windows-1252): the acceptor of a chat request answers <c>2\r\nOK</c>, either side
/// ends with <c>13\r\nDEMANDE_ARRET</c>.
/// </summary>
public static class MessengerProtocol
{
    /// <summary>Default port of the presence listener: a TCP connection that succeeds means "online"; nothing is exchanged.</summary>
    public const int DefaultPresencePort = 5010;

    /// <summary>Default port of the chat-request listener.</summary>
    public const int DefaultChatPort = 5011;

    /// <summary>The acceptor's answer to a chat request (<c>csACKOK</c>).</summary>
    public const string Accepted = "OK";

    /// <summary>The answer when a conversation with the requester is already open (<c>csNONDISPO</c>).</summary>
    public const string NotAvailable = "NON_DISPO";

    /// <summary>Ends a conversation (<c>csFINCOM</c>).</summary>
    public const string StopRequest = "DEMANDE_ARRET";

    /// <summary>How long the initiator of a chat request waits for the answer: 2000 ms, as WinDev's example.</summary>
    public static readonly TimeSpan RequestReplyTimeout = TimeSpan.FromMilliseconds(2000);

    /// <summary>
    /// True when <paramref name="message"/> is <see cref="StopRequest"/> in the sense of WLangage's <c>~=</c>, as the
    /// example compares it: case, accents and spaces (anywhere) do not count, so <c>" demande_arret "</c> matches.
    /// </summary>
    public static bool IsStopRequest(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Length > 64)
        {
            return false; // far longer than the literal even with spaces: not worth normalising
        }

        var folded = new StringBuilder(message.Length);
        foreach (char c in message.Normalize(NormalizationForm.FormD))
        {
            if (!char.IsWhiteSpace(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }

        return string.Equals(folded.ToString(), StopRequest, StringComparison.OrdinalIgnoreCase);
    }
}
