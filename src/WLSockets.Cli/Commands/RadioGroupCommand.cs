using System.CommandLine;
using WLSockets.Cli.Infrastructure;

namespace WLSockets.Cli.Commands;

/// <summary><c>wlsock bt</c> and <c>wlsock ir</c>: <c>listen</c> and <c>send</c> over Bluetooth RFCOMM or infrared.</summary>
internal sealed class RadioGroupCommand : Command
{
    private RadioGroupCommand(CliConsole console, RadioTransport transport, string description)
        : base(transport.Command, description)
    {
        Transport = transport;
        Listen = new RadioListenCommand(console, transport);
        Send = new RadioSendCommand(console, transport);
        Subcommands.Add(Listen);
        Subcommands.Add(Send);
    }

    public RadioTransport Transport { get; }

    public RadioListenCommand Listen { get; }

    public RadioSendCommand Send { get; }

    public static RadioGroupCommand Bluetooth(CliConsole console) => new(console, RadioTransport.Bluetooth,
        "Bluetooth RFCOMM, as WinDev's SocketCréeBluetooth / SocketConnecteBluetooth sockets, with the same framings as TCP. Use 'wlsock bt listen' or 'wlsock bt send'.");

    public static RadioGroupCommand Infrared(CliConsole console) => new(console, RadioTransport.Infrared,
        "Infrared (IrDA), as WinDev's SocketCréeInfraRouge / SocketConnecteInfraRouge sockets (Windows only), with the same framings as TCP. Use 'wlsock ir listen' or 'wlsock ir send'.");

    /// <summary>The usage line of this group for parse errors.</summary>
    public string Usage => Transport.HasAddress
        ? "'wlsock bt listen SERVICE' or 'wlsock bt send SERVICE ADDRESS MESSAGE...' (see 'wlsock bt --help')"
        : "'wlsock ir listen SERVICE-NAME' or 'wlsock ir send SERVICE-NAME MESSAGE...' (see 'wlsock ir --help')";
}
