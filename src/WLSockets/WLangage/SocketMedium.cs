namespace WLSockets.WLangage;

/// <summary>What carries a registered socket's bytes (for messages that tell the user which function to call).</summary>
internal enum SocketMedium
{
    /// <summary>TCP, TLS or UDP.</summary>
    Network,

    /// <summary>Bluetooth RFCOMM (<c>SocketCréeBluetooth</c>, <c>SocketConnecteBluetooth</c>).</summary>
    Bluetooth,

    /// <summary>Infrared IrDA (<c>SocketCréeInfraRouge</c>, <c>SocketConnecteInfraRouge</c>).</summary>
    Infrared,
}
