using System.Globalization;
using WLSockets.Transports.Bluetooth;
using WLSockets.Transports.Infrared;

namespace WLSockets.WLangage;

/// <summary>The Bluetooth RFCOMM and infrared entry points (<c>SocketCréeBluetooth</c>, <c>SocketConnecteBluetooth</c>, <c>SocketCréeInfraRouge</c>, <c>SocketConnecteInfraRouge</c>).</summary>
internal static partial class SocketRuntime
{
    public static bool CreateBluetooth(string fn, string name, string service, string description) => Run(fn, false, () =>
    {
        SocketRegistry.EnsureFree(name);
        BluetoothService resolved = BluetoothService.Resolve(service);
        _ = description; // no SDP record is published (see Fonctions.SocketCréeBluetooth): clients use the channel number
        MessageListener listener = MessageListener.StartBluetooth(resolved, WLangageSettings.NewConnectionOptions());
        SocketRegistry.Add(NamedSocket.ForListener(name, listener, SocketMedium.Bluetooth));
        return true;
    });

    public static bool ConnectBluetooth(string fn, string name, string service, string address, TimeSpan timeout) => Run(fn, false, () =>
    {
        SocketRegistry.EnsureFree(name);
        BluetoothService resolved = BluetoothService.Resolve(service);
        BluetoothAddress device = BluetoothAddress.Parse(address);
        MessageConnectionOptions options = WLangageSettings.NewConnectionOptions();
        options.ConnectTimeout = timeout;
        MessageConnection connection = MessageConnection.ConnectBluetooth(device, resolved, options);
        SocketRegistry.Add(NamedSocket.ForConnection(name, SocketKind.Client, connection, SocketMedium.Bluetooth));
        return true;
    });

    public static bool CreateInfrared(string fn, string name, string serviceName) => Run(fn, false, () =>
    {
        SocketRegistry.EnsureFree(name);
        SocketAddressLayouts.ValidateIrdaServiceName(serviceName);
        MessageListener listener = MessageListener.StartInfrared(serviceName, WLangageSettings.NewConnectionOptions());
        SocketRegistry.Add(NamedSocket.ForListener(name, listener, SocketMedium.Infrared));
        return true;
    });

    public static bool ConnectInfrared(string fn, string name, string serviceName) => Run(fn, false, () =>
    {
        SocketRegistry.EnsureFree(name);
        SocketAddressLayouts.ValidateIrdaServiceName(serviceName);
        MessageConnection connection = MessageConnection.ConnectInfrared(serviceName, WLangageSettings.NewConnectionOptions());
        SocketRegistry.Add(NamedSocket.ForConnection(name, SocketKind.Client, connection, SocketMedium.Infrared));
        return true;
    });

    /// <summary>True when Bluetooth RFCOMM sockets can be created here; else false with NotSupported saying why.</summary>
    public static bool BluetoothAvailable(string fn) => Run(fn, false, () =>
        RfcommSockets.IsAvailable(out string reason) ? true : throw new WLSocketException(WLSocketError.NotSupported, reason));

    /// <summary>True when infrared (IrDA) sockets can be created here; else false with NotSupported saying why.</summary>
    public static bool InfraredAvailable(string fn) => Run(fn, false, () =>
        IrdaSockets.IsAvailable(out string reason) ? true : throw new WLSocketException(WLSocketError.NotSupported, reason));

    /// <summary>
    /// <c>SocketClientInfo</c> on Bluetooth and infrared sockets (open question B7): the peer's MAC address and RFCOMM
    /// channel, or the IrDA device id and "". Null for IP sockets.
    /// </summary>
    private static string? NonIpClientInfo(NamedSocket socket, int type) => socket.PeerConnection?.Transport.RemoteEndPoint switch
    {
        BluetoothEndPoint bluetooth => type == InfoAddress ? bluetooth.Address.ToString() : bluetooth.Channel.ToString(CultureInfo.InvariantCulture),
        IrdaEndPoint infrared => type == InfoAddress ? infrared.DeviceIdText : "",
        _ => null,
    };
}
