namespace WLSockets.Chat;

/// <summary>Settings of a <see cref="ChatServer"/>; the defaults suit a chat of people.</summary>
public sealed class ChatServerOptions
{
    /// <summary>Local address to listen on: empty or <c>0.0.0.0</c> = every IPv4 interface (WinDev's default).</summary>
    public string Bind { get; set; } = "0.0.0.0";

    /// <summary>TCP port; 0 picks a free one (read it back from <see cref="ChatServer.LocalEndPoint"/>).</summary>
    public int Port { get; set; } = ChatProtocol.DefaultPort;

    /// <summary>Largest message accepted from a client; a larger one drops that client.</summary>
    public long MaxMessageSize { get; set; } = 1024 * 1024;

    /// <summary>Messages that may wait for one client; a client that falls further behind is dropped.</summary>
    public int ClientQueueLength { get; set; } = 256;

    /// <summary>Bytes that may wait for one client; a client that falls further behind is dropped.</summary>
    public long ClientQueueBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>How long one write to a client may block (its receive window full) before the client is dropped.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The Redis pub/sub backplane joining several servers into one conversation, or null for a single server.
    /// </summary>
    public ChatRedisOptions? Redis { get; set; }

    /// <summary>Receives every <see cref="ChatNotice"/> (called from server threads; keep it quick).</summary>
    public Action<ChatNotice>? Notice { get; set; }
}
