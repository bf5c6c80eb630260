using System.CommandLine;
using WLSockets.Cli.Infrastructure;

namespace WLSockets.Cli.Commands;

/// <summary><c>wlsock chat</c>: the chat of WinDev's "WD Utilisation des sockets" example (<c>server</c>, <c>client</c>).</summary>
internal sealed class ChatCommand : Command
{
    public ChatCommand(CliConsole console)
        : base("chat", "The chat of WinDev's \"WD Utilisation des sockets\" example, wire-compatible with the WinDev server and client: 'wlsock chat server' and 'wlsock chat client HOST'.")
    {
        Server = new ChatServerCommand(console);
        Client = new ChatClientCommand(console);
        Subcommands.Add(Server);
        Subcommands.Add(Client);
    }

    public ChatServerCommand Server { get; }

    public ChatClientCommand Client { get; }
}
