namespace WLSockets.Internal;

/// <summary>Whether a shared code path blocks the calling thread or awaits.</summary>
internal enum IOBehavior
{
    Asynchronous,
    Synchronous,
}
