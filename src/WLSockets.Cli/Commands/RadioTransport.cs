using WLSockets.WLangage;
using static WLSockets.WLangage.Functions;

namespace WLSockets.Cli.Commands;

/// <summary>
/// A non-IP transport of the WLangage facade driven by <c>wlsock bt</c> and <c>wlsock ir</c>: how to create a server
/// socket and connect a client. Everything else (SocketWaitForConnection, SocketAccept, SocketRead, SocketWrite,
/// SocketChangeTransmissionMode, SocketClose) is the same for both.
/// </summary>
internal sealed class RadioTransport
{
    private RadioTransport(string command, string displayName, bool hasAddress,
        Func<string, string, string, bool> create, Func<string, string, string, int, bool> connect)
    {
        Command = command;
        DisplayName = displayName;
        HasAddress = hasAddress;
        Create = create;
        Connect = connect;
    }

    /// <summary>Bluetooth RFCOMM: SocketCreateBluetooth / SocketConnectBluetooth.</summary>
    public static RadioTransport Bluetooth { get; } = new("bt", "Bluetooth RFCOMM", hasAddress: true,
        (name, service, description) => SocketCreateBluetooth(name, service, description),
        (name, service, address, timeoutMs) => SocketConnectBluetooth(name, service, address, timeoutMs));

    /// <summary>Infrared (IrDA): SocketCreateInfrared / SocketConnectInfrared (no address, no timeout: the first device in range).</summary>
    public static RadioTransport Infrared { get; } = new("ir", "infrared (IrDA)", hasAddress: false,
        (name, service, _) => SocketCreateInfrared(name, service),
        (name, service, _, _) => SocketConnectInfrared(name, service));

    /// <summary><c>bt</c> or <c>ir</c>.</summary>
    public string Command { get; }

    public string DisplayName { get; }

    /// <summary>True when a client names the device (Bluetooth MAC address).</summary>
    public bool HasAddress { get; }

    /// <summary>(socket name, service, description) → SocketCreate...; false with ErrorInfo on failure.</summary>
    public Func<string, string, string, bool> Create { get; }

    /// <summary>(socket name, service, address, timeout ms) → SocketConnect...; false with ErrorInfo on failure.</summary>
    public Func<string, string, string, int, bool> Connect { get; }

    /// <summary>A fresh socket name for the facade's registry.</summary>
    public string NewSocketName(string role) => $"wlsock-{Command}-{role}-{Guid.NewGuid():N}";

    /// <summary>Closes a facade socket, ignoring an unknown name.</summary>
    public static void Close(string socketName)
    {
        if (SocketExist(socketName))
        {
            SocketClose(socketName);
        }
    }
}
