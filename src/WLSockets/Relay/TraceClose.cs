namespace WLSockets.Relay;

/// <summary>The end of one relayed connection, as the close event reports it.</summary>
/// <param name="ConnectionId">The connection id.</param>
/// <param name="Reason">How it ended.</param>
/// <param name="ResetBy">With <see cref="TraceCloseReason.Reset"/>: the direction whose sender reset the connection
/// (<see cref="TraceDirection.ClientToServer"/> = the client reset); otherwise null.</param>
/// <param name="BytesClientToServer">Bytes relayed from the client to the server.</param>
/// <param name="BytesServerToClient">Bytes relayed from the server to the client.</param>
public sealed record TraceClose(long ConnectionId, TraceCloseReason Reason, TraceDirection? ResetBy, long BytesClientToServer, long BytesServerToClient);
