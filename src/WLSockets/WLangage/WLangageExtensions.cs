namespace WLSockets.WLangage;

/// <summary>
/// C# additions to the WLangage socket functions. <b>These are not WinDev functions</b>: WinDev has no equivalent,
/// so code using them does not port back to WLangage. They follow the facades' error model (failure value,
/// <c>ErreurDétectée</c> / <c>ErrorOccurred</c>, <c>ErreurInfo</c> / <c>ErrorInfo</c>) and work with both
/// <see cref="Fonctions"/> and <see cref="Functions"/>: <c>using static WLSockets.WLangage.WLangageExtensions;</c>.
/// </summary>
public static class WLangageExtensions
{
    /// <summary>
    /// The local port of a socket: the port the system picked for <c>SocketCréeUDP(name, 0)</c>, a listener's port, or
    /// a connection's own port. 0 on failure (unknown name).
    /// </summary>
    public static int SocketLocalPort(string socketName) => SocketRuntime.LocalPort(nameof(SocketLocalPort), socketName);

    /// <summary>
    /// Makes a UDP socket a member of a multicast group, so it receives the datagrams sent to
    /// <paramref name="groupAddress"/> on its port (open question U2). Sending to a group needs no membership.
    /// </summary>
    /// <param name="socketName">A socket created with <c>SocketCréeUDP</c> (bind to "" or <c>::</c> to receive group datagrams).</param>
    /// <param name="groupAddress">IPv4 224.0.0.0–239.255.255.255 (239.x.y.z for private use) or IPv6 ff00::/8.</param>
    /// <param name="networkInterface">"" = the system's choice; an IP address of this machine (<c>127.0.0.1</c>); an
    /// interface index; or an interface name (<c>lo</c>, <c>eth0</c>).</param>
    public static bool SocketJoinMulticastGroup(string socketName, string groupAddress, string networkInterface = "") =>
        SocketRuntime.ChangeMulticastMembership(nameof(SocketJoinMulticastGroup), socketName, groupAddress, networkInterface, join: true);

    /// <summary>Leaves a multicast group joined with <see cref="SocketJoinMulticastGroup"/> (same group and interface).</summary>
    /// <inheritdoc cref="SocketJoinMulticastGroup"/>
    public static bool SocketLeaveMulticastGroup(string socketName, string groupAddress, string networkInterface = "") =>
        SocketRuntime.ChangeMulticastMembership(nameof(SocketLeaveMulticastGroup), socketName, groupAddress, networkInterface, join: false);

    /// <summary>How a UDP socket sends to multicast groups.</summary>
    /// <param name="socketName">A socket created with <c>SocketCréeUDP</c>.</param>
    /// <param name="networkInterface">Outgoing interface: "" = the system's choice (the routing table), an IP address of
    /// this machine, an interface index or name.</param>
    /// <param name="timeToLive">0 = this machine only, 1 (the system default) = the local network, up to 255.</param>
    /// <param name="loopback">True (the system default): members on this machine receive the datagrams too.</param>
    public static bool SocketSetMulticastSending(string socketName, string networkInterface = "", int timeToLive = 1, bool loopback = true) =>
        SocketRuntime.SetMulticastSending(nameof(SocketSetMulticastSending), socketName, networkInterface, timeToLive, loopback);

    /// <summary>
    /// True when this system can create Bluetooth RFCOMM sockets (Linux AF_BLUETOOTH, Windows AF_BTH); otherwise false,
    /// with <c>ErreurInfo</c> / <c>ErrorInfo</c> (error 190050) saying what is missing. Creates and closes a socket; no radio traffic.
    /// </summary>
    public static bool BluetoothAvailable() => SocketRuntime.BluetoothAvailable(nameof(BluetoothAvailable));

    /// <summary>
    /// True when this system can create infrared (IrDA) sockets (Windows AF_IRDA only); otherwise false, with
    /// <c>ErreurInfo</c> / <c>ErrorInfo</c> (error 190050) saying why.
    /// </summary>
    public static bool InfraredAvailable() => SocketRuntime.InfraredAvailable(nameof(InfraredAvailable));
}
