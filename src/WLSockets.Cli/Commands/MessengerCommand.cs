using System.CommandLine;
using System.Net;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using WLSockets.Cli.Infrastructure;
using WLSockets.Messenger;

namespace WLSockets.Cli.Commands;

/// <summary>
/// <c>wlsock messenger</c>: the LAN instant messenger of WinDev's "WD Messagerie Instantanée", wire-compatible with it.
/// A terminal UI on a terminal, a scriptable line mode otherwise; <c>wlsock messenger contacts</c> edits the address book.
/// </summary>
internal sealed class MessengerCommand : Command
{
    /// <summary>Most pending events and keys; beyond, the connection readers wait (TCP back-pressure on the peers).</summary>
    private const int InboxCapacity = 4096;

    public const string Examples = """
        EXAMPLES
          wlsock messenger contacts add Alice 192.168.1.20          add a contact (wlsock messenger contacts list / remove Alice)
          wlsock messenger                                           the terminal UI, on ports 5010 and 5011 of every interface
          Two instances on one machine (contacts are recognised by IP address, so each takes its own 127.0.0.x):
            wlsock messenger contacts add bob 127.0.0.3 --db a.db && wlsock messenger contacts add alice 127.0.0.2 --db b.db
            wlsock messenger --bind 127.0.0.2 --db a.db              in one terminal
            wlsock messenger --bind 127.0.0.3 --db b.db              in another, then /chat alice (or select and Enter)
          printf '/chat bob\nHello\n/end\n' | wlsock messenger --bind 127.0.0.2 --db a.db     scripted (line mode)
        """;

    private readonly CliConsole _console;

    private readonly Option<string> _bind = new("--bind", "-b")
    {
        Description = "Local address of both listeners and of every outgoing connection (contacts are recognised by IP address, so each instance on one machine takes its own, e.g. 127.0.0.2); 0.0.0.0 = every interface, as WinDev.",
        HelpName = "ADDR",
        DefaultValueFactory = _ => "0.0.0.0",
    };

    private readonly Option<int> _presencePort = NumberArguments.PortOption("--presence-port", MessengerProtocol.DefaultPresencePort,
        "Presence port: listened on, and probed on every contact (a TCP connect that succeeds means online).");

    private readonly Option<int> _chatPort = NumberArguments.PortOption("--chat-port", MessengerProtocol.DefaultChatPort,
        "Chat-request port: listened on, and where requests go.");

    private readonly Option<string> _name = new("--name")
    {
        Description = "Your name, shown next to your own messages (never sent: the peer labels you with its own address book). Default: the user name.",
        HelpName = "NAME",
    };

    public MessengerCommand(CliConsole console)
        : base("messenger", "The LAN instant messenger of WinDev's \"WD Messagerie Instantanée\", wire-compatible with it: every instance is client and server; contacts that run it are found by a TCP connect to their presence port (5010), chats are asked on port 5011 and answered OK; messages use WinDev's default framing; DEMANDE_ARRET ends a chat.")
    {
        _console = console;
        Db = new Option<string>("--db")
        {
            Description = "The address book file (SQLite), created on first use. Default: " + ContactBook.DefaultPath,
            HelpName = "FILE",
            Recursive = true,
        };
        Options.Add(_bind);
        Options.Add(_presencePort);
        Options.Add(_chatPort);
        Options.Add(_name);
        Options.Add(Db);
        Contacts = new MessengerContactsCommand(console, Db);
        Subcommands.Add(Contacts);
        SetAction(RunAsync);
    }

    public Option<string> Db { get; }

    public MessengerContactsCommand Contacts { get; }

    /// <summary>Opens the address book of <c>--db</c> (or the default one), explaining a failure in one line.</summary>
    /// <exception cref="CliFailureException">The file cannot be created or read.</exception>
    public static ContactBook OpenBook(string? path)
    {
        path ??= ContactBook.DefaultPath;
        try
        {
            return ContactBook.Open(path);
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            throw new CliFailureException($"cannot open the address book {path}: {ex.Message}", ex);
        }
    }

    /// <summary>Runs one command line of the session; an address-book failure becomes a problem line, not an exit.</summary>
    internal static async Task<bool> ExecuteSafelyAsync(MessengerSession session, string line, IMessengerView view, CancellationToken cancellationToken)
    {
        try
        {
            return await session.ExecuteAsync(line, cancellationToken);
        }
        catch (Exception ex) when (ex is SqliteException or IOException)
        {
            view.Problem("address book: " + CliConsole.OneLine(ex.Message));
            return true;
        }
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        string bindText = parseResult.GetValue(_bind) ?? "0.0.0.0";
        if (!IPAddress.TryParse(bindText, out IPAddress? bind))
        {
            throw new UsageException($"--bind '{bindText}' is not an IP address: give one of this machine's addresses (127.0.0.2, 192.168.1.20, ::1) or 0.0.0.0 for all.");
        }

        ContactBook book = OpenBook(parseResult.GetValue(Db));
        var options = new MessengerOptions
        {
            BindAddress = bind,
            PresencePort = parseResult.GetValue(_presencePort),
            ChatPort = parseResult.GetValue(_chatPort),
            ScanAtStart = false, // the session scans once it listens to the events
        };
        string userName = parseResult.GetValue(_name) is { Length: > 0 } name ? name : Environment.UserName;
        bool terminal = !Console.IsInputRedirected && !Console.IsOutputRedirected;

        var inbox = Channel.CreateBounded<object?>(new BoundedChannelOptions(InboxCapacity) { SingleReader = true });
        await using MessengerNode node = MessengerNode.Start(book, options);
        node.Event += (_, e) =>
        {
            try
            {
                inbox.Writer.WriteAsync(e, cancellationToken).AsTask().GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                // Exiting: nobody shows events any more.
            }
        };

        if (!terminal)
        {
            _console.WriteErrorLine($"listening on {FormatEndPoint(node.PresenceEndPoint)}");
            _console.WriteErrorLine($"listening on {FormatEndPoint(node.ChatEndPoint)}");
        }

        _ = Task.Run(() => ScanAtStartAsync(node, cancellationToken), CancellationToken.None);
        if (terminal)
        {
            var ui = new MessengerTerminal(userName);
            var session = new MessengerSession(node, ui);
            ui.Notice($"listening on {FormatEndPoint(node.PresenceEndPoint)} (presence) and {FormatEndPoint(node.ChatEndPoint)} (chat)");
            return await ui.RunAsync(session, inbox, cancellationToken);
        }

        var lines = new MessengerLineMode(_console);
        return await lines.RunAsync(new MessengerSession(node, lines), inbox, cancellationToken);
    }

    private static async Task ScanAtStartAsync(MessengerNode node, CancellationToken cancellationToken)
    {
        try
        {
            await node.ScanAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SqliteException)
        {
            // Exiting already, or the book is unreadable (the next scan reports it).
        }
    }

    private static string FormatEndPoint(IPEndPoint endPoint) =>
        endPoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endPoint.Address}]:{endPoint.Port}" : $"{endPoint.Address}:{endPoint.Port}";
}
