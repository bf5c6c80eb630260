namespace WLSockets.WLangage;

/// <summary>WebSocket settings of the facades (C# extensions: WinDev has no equivalent).</summary>
public static partial class WLangageSettings
{
    private static long s_webSocketKeepAliveTicks = TimeSpan.FromSeconds(30).Ticks;

    /// <summary>
    /// How often <c>WebSocketClientConnecte[SSL]</c> connections send a keep-alive frame when idle (open question W4).
    /// Default 30 s; <see cref="TimeSpan.Zero"/> turns it off. Read at connect time.
    /// </summary>
    public static TimeSpan WebSocketKeepAliveInterval
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref s_webSocketKeepAliveTicks));
        set => Interlocked.Exchange(ref s_webSocketKeepAliveTicks, value >= TimeSpan.Zero || value == Timeout.InfiniteTimeSpan
            ? value.Ticks
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The keep-alive interval must be positive, zero (off) or infinite."));
    }
}
