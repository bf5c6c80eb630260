using WLSockets.Text;
using System.Text;
using WLSockets.Chat.Rtf;

namespace WLSockets.Chat;

/// <summary>
/// A client of the WinDev chat example (or of <see cref="ChatServer"/>): sends <c>nick : text</c> (as RTF, exactly as
/// the WinDev client does, when <see cref="Rtf"/> is set), receives every message of the conversation, and says
/// <c>BYE</c> when disposed.
/// </summary>
/// <remarks>One send and one receive may run at the same time.</remarks>
public sealed class ChatClient : IAsyncDisposable
{
    private readonly MessageConnection _connection;
    private int _closed;

    private ChatClient(MessageConnection connection, string nickname, bool rtf)
    {
        _connection = connection;
        Nickname = nickname;
        Rtf = rtf;
    }

    /// <summary>The name put before each message.</summary>
    public string Nickname { get; }

    /// <summary>True to send RTF documents as the WinDev client does; false to send plain <c>nick : text</c>.</summary>
    public bool Rtf { get; }

    /// <summary>Encoding of the messages (Windows-1252, as WinDev ANSI builds).</summary>
    public Encoding Encoding => _connection.Encoding;

    /// <summary>Connects to a chat server (default WinDev framing, Windows-1252 text).</summary>
    /// <exception cref="WLSocketException">Refused, host not found, timed out.</exception>
    public static async Task<ChatClient> ConnectAsync(string host, int port, string nickname, bool rtf = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(nickname);
        var options = new MessageConnectionOptions { MaxMessageSize = 1024 * 1024, CloseTimeout = TimeSpan.FromSeconds(1) };
        MessageConnection connection = await MessageConnection.ConnectAsync(host, port, options, cancellationToken).ConfigureAwait(false);
        return new ChatClient(connection, nickname, rtf);
    }

    /// <summary>The exact message sent for <paramref name="text"/>: <c>nick : text</c>, or its RTF document.</summary>
    public string Compose(string text) => Rtf ? RtfMessage.Build(Nickname, text) : ChatProtocol.PlainMessage(Nickname, text);

    /// <summary>Sends <paramref name="text"/> as one message, after the nickname.</summary>
    /// <exception cref="ArgumentException">The text is empty (the WinDev client refuses it too).</exception>
    /// <exception cref="WLSocketException">The connection failed.</exception>
    public ValueTask SendAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            throw new ArgumentException("You must type the text to send (an empty message is not sent).", nameof(text));
        }

        return _connection.SendAsync(Compose(text), cancellationToken);
    }

    /// <summary>Receives the next message of the conversation (blank ones, which WinDev ignores, are skipped).</summary>
    /// <exception cref="WLSocketException"><see cref="WLSocketError.ConnectionClosed"/> when the server has gone.</exception>
    public async ValueTask<ChatLine> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            byte[] raw = await _connection.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            string message = _connection.Encoding.GetString(raw);
            if (string.IsNullOrWhiteSpace(message))
            {
                continue;
            }

            bool rtf = RtfText.IsRtf(message);
            return new ChatLine(RtfText.ToDisplayText(message), rtf, raw);
        }
    }

    /// <summary>Says <c>BYE</c> (as the WinDev client's Close button) and closes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        try
        {
            await _connection.SendAsync(ChatProtocol.Bye).AsTask().WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WLSocketException or TimeoutException or ObjectDisposedException)
        {
            // The server is gone already: nothing to say goodbye to.
        }

        await _connection.CloseAsync().ConfigureAwait(false);
    }
}
