using System.Net;

namespace WLSockets.Relay;

/// <summary>The endpoints of one relayed connection, as the open event reports them.</summary>
/// <param name="Id">The connection id, 1 for the first accepted client of a relay, then 2, 3 ...</param>
/// <param name="Client">The client's address and port.</param>
/// <param name="Listener">The relay's listening address the client connected to.</param>
/// <param name="RelayLocal">The relay's own address and port on its connection to the target.</param>
/// <param name="Server">The target server's address and port.</param>
public sealed record TraceConnection(long Id, IPEndPoint Client, IPEndPoint Listener, IPEndPoint RelayLocal, IPEndPoint Server);
