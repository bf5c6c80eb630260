namespace WLSockets.Chat;

/// <summary>Where a chat server stands with its Redis backplane.</summary>
public enum ChatBackplaneState
{
    /// <summary>No backplane: a single server.</summary>
    None,

    /// <summary>Connecting to Redis and joining the room for the first time.</summary>
    Connecting,

    /// <summary>Subscribed to the room, and the subscription was seen working: messages flow between servers.</summary>
    Joined,

    /// <summary>Redis cannot be reached: local clients only; messages wait (bounded) and go out when it returns.</summary>
    Down,
}
