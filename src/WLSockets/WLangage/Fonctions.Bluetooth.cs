namespace WLSockets.WLangage;

public static partial class Fonctions
{
    // ---- Bluetooth RFCOMM (SocketCréeBluetooth, SocketConnecteBluetooth) ----

    /// <summary>
    /// Creates a Bluetooth RFCOMM server socket on this machine's adapter; then use it as any server (simplified, or
    /// <c>SocketAttendConnexion</c> / <c>SocketAccepte</c> / <c>SocketRefuse</c>). Connections start in
    /// <see cref="SocketTailleDébut"/> mode (open question B6): switch to <see cref="SocketSansMarqueurFin"/> for devices.
    /// </summary>
    /// <remarks>
    /// Works on Linux with the kernel's Bluetooth support (AF_BLUETOOTH, BlueZ) and on Windows with the Microsoft stack
    /// (AF_BTH); elsewhere, or without an adapter, False with <c>ErreurInfo</c> saying what is missing (error 190050).
    /// <b>No service record is published</b> (SDP): clients must connect to the RFCOMM channel number, which
    /// <see cref="WLangageExtensions.SocketLocalPort"/> returns, and give it as the service of
    /// <see cref="SocketConnecteBluetooth(string, string, string, int)"/>.
    /// </remarks>
    /// <param name="nomSocket">Name of the server socket (case-sensitive).</param>
    /// <param name="service">A known service name (<c>SerialPortServiceClass_UUID</c> …, case-insensitive), a GUID, a
    /// 16-bit short form (<c>0x1101</c>): the first free RFCOMM channel is taken; or a channel number 1 to 30: that channel.</param>
    /// <param name="description">The SDP service description; accepted and not published (see remarks).</param>
    public static bool SocketCréeBluetooth(string nomSocket, string service, string description = "") =>
        SocketRuntime.CreateBluetooth(nameof(SocketCréeBluetooth), nomSocket, service, description);

    /// <summary>
    /// Connects to an RFCOMM service of a Bluetooth device, within <paramref name="attenteMaximale"/> milliseconds
    /// (default 5000); then <c>SocketEcrit</c>, <c>SocketLit</c>, <c>SocketChangeModeTransmission</c>, <c>SocketFerme</c>
    /// apply as on TCP. <c>SocketClientInfo</c> gives the device's MAC address and the channel.
    /// </summary>
    /// <remarks>
    /// On Linux the service must be the channel number (1 to 30): looking a service class up needs SDP, which WLSockets
    /// does not do there. On Windows a service GUID or name is looked up by the system. Pairing is the system's business
    /// (open question B9). Without Bluetooth sockets: False, error 190050 saying what is missing.
    /// </remarks>
    /// <param name="nomSocket">Name of the connection (case-sensitive).</param>
    /// <param name="service">A known service name, a GUID, a short form <c>0x1101</c>, or an RFCOMM channel 1 to 30.</param>
    /// <param name="adresse">The device's MAC address: <c>XX:XX:XX:XX:XX:XX</c>, <c>XX-XX-…</c> or 12 hexadecimal digits.</param>
    /// <param name="attenteMaximale">Connection budget in milliseconds (default 5000; negative = no limit).</param>
    public static bool SocketConnecteBluetooth(string nomSocket, string service, string adresse, int attenteMaximale = SocketRuntime.DefaultConnectTimeoutMs) =>
        SocketRuntime.ConnectBluetooth(nameof(SocketConnecteBluetooth), nomSocket, service, adresse, SocketRuntime.Milliseconds(attenteMaximale));

    /// <inheritdoc cref="SocketConnecteBluetooth(string, string, string, int)"/>
    public static bool SocketConnecteBluetooth(string nomSocket, string service, string adresse, TimeSpan attenteMaximale) =>
        SocketRuntime.ConnectBluetooth(nameof(SocketConnecteBluetooth), nomSocket, service, adresse, attenteMaximale);
}
