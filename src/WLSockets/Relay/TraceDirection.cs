namespace WLSockets.Relay;

/// <summary>Which way bytes travel through a <see cref="TraceRelay"/>.</summary>
public enum TraceDirection
{
    /// <summary>From the accepted client to the target server.</summary>
    ClientToServer = 0,

    /// <summary>From the target server back to the client.</summary>
    ServerToClient = 1,
}
