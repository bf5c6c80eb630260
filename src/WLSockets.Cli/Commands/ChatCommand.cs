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

    /// <summary>The <c>--port</c> option of both chat commands (default 5010, WinDev's).</summary>
    internal static Option<int?> PortOption(string description, bool allowZero)
    {
        var port = new Option<int?>("--port", "-p")
        {
            Description = description,
            HelpName = "PORT",
            DefaultValueFactory = _ => WLSockets.Chat.ChatProtocol.DefaultPort,
        };
        port.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is int p && (p > 65535 || p < (allowZero ? 0 : 1)))
            {
                r.AddError($"Invalid value '{p}' for --port. Use 1 to 65535{(allowZero ? ", or 0 for any free port" : "")}.");
            }
        });
        return port;
    }

    public ChatClientCommand Client { get; }
}
