using System.Text;

namespace WLSockets;

/// <summary>One complete WebSocket message, reassembled from however many frames it came in.</summary>
public sealed class WebSocketMessage
{
    internal WebSocketMessage(byte[] data, bool isText)
    {
        Data = data;
        IsText = isText;
    }

    /// <summary>The message's bytes (UTF-8 for a text message).</summary>
    public byte[] Data { get; }

    /// <summary>True for a text message, false for a binary one.</summary>
    public bool IsText { get; }

    /// <summary>The bytes decoded as UTF-8 (invalid sequences become U+FFFD).</summary>
    public string Text => Encoding.UTF8.GetString(Data);

    /// <summary>Same as <see cref="Text"/>.</summary>
    public override string ToString() => Text;
}
