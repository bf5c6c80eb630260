using System.CommandLine;
using WLSockets.Cli.Infrastructure;

namespace WLSockets.Cli.Commands;

/// <summary><c>wlsock udp</c>: the UDP commands (<c>listen</c>, <c>send</c>), as WinDev's <c>SocketCréeUDP</c> sockets.</summary>
internal sealed class UdpCommand : Command
{
    public UdpCommand(CliConsole console)
        : base("udp", "UDP, as WinDev's SocketCréeUDP sockets: one message is one datagram, never split or merged, with no framing (no length prefix, no end marker). Use 'wlsock udp listen' or 'wlsock udp send'.")
    {
        Listen = new UdpListenCommand(console);
        Send = new UdpSendCommand(console);
        Subcommands.Add(Listen);
        Subcommands.Add(Send);
    }

    public UdpListenCommand Listen { get; }

    public UdpSendCommand Send { get; }
}
