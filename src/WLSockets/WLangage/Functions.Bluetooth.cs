namespace WLSockets.WLangage;

public static partial class Functions
{
    // ---- Bluetooth RFCOMM (SocketCreateBluetooth, SocketConnectBluetooth) ----

    /// <inheritdoc cref="Fonctions.SocketCréeBluetooth"/>
    public static bool SocketCreateBluetooth(string socketName, string service, string description = "") =>
        SocketRuntime.CreateBluetooth(nameof(SocketCreateBluetooth), socketName, service, description);

    /// <inheritdoc cref="Fonctions.SocketConnecteBluetooth(string, string, string, int)"/>
    public static bool SocketConnectBluetooth(string socketName, string service, string address, int maximumTimeout = SocketRuntime.DefaultConnectTimeoutMs) =>
        SocketRuntime.ConnectBluetooth(nameof(SocketConnectBluetooth), socketName, service, address, SocketRuntime.Milliseconds(maximumTimeout));

    /// <inheritdoc cref="Fonctions.SocketConnecteBluetooth(string, string, string, TimeSpan)"/>
    public static bool SocketConnectBluetooth(string socketName, string service, string address, TimeSpan maximumTimeout) =>
        SocketRuntime.ConnectBluetooth(nameof(SocketConnectBluetooth), socketName, service, address, maximumTimeout);
}
