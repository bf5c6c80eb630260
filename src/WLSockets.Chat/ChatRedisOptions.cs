namespace WLSockets.Chat;

/// <summary>Where the Redis backplane of a <see cref="ChatServer"/> lives.</summary>
public sealed class ChatRedisOptions
{
    /// <summary>The Redis server, <c>HOST:PORT</c> (a StackExchange.Redis configuration string is accepted too).</summary>
    public required string Endpoint { get; init; }

    /// <summary>The conversation: servers with the same room share their messages. Letters, digits, <c>-_.</c>.</summary>
    public string Room { get; init; } = "main";

    /// <summary>How many of its own recent messages a server keeps to resend to a server that rejoins.</summary>
    public int ReplayLength { get; init; } = 1024;

    /// <summary>How long a message that arrived ahead of a missing one waits for it before being delivered anyway.</summary>
    public TimeSpan GapTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The Redis channel of <see cref="Room"/>.</summary>
    internal string Channel => "wlsock:chat:" + Room;
}
