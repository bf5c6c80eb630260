namespace WLSockets.Relay;

/// <summary>How a relayed connection ended.</summary>
public enum TraceCloseReason
{
    /// <summary>Both directions ended with an orderly end of stream (FIN), passed on to the other side.</summary>
    Normal = 0,

    /// <summary>One side reset the connection (RST); the relay reset the other side too.</summary>
    Reset = 1,

    /// <summary>The relay could not connect to the target, or failed otherwise (an error event says why).</summary>
    Error = 2,

    /// <summary>The relay was stopped while the connection was open.</summary>
    Stopped = 3,
}
