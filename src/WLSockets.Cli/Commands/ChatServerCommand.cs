using System.CommandLine;
using System.Globalization;
using System.Net;
using WLSockets.Chat;
using WLSockets.Cli.Infrastructure;

namespace WLSockets.Cli.Commands;

/// <summary><c>wlsock chat server</c>: the WinDev example's chat server, with a live client table or plain log lines.</summary>
internal sealed class ChatServerCommand : Command
{
    private readonly CliConsole _console;

    private readonly Option<int?> _port = ChatCommand.PortOption("TCP port (WinDev's example uses 5010); 0 picks a free one.", allowZero: true);

    private readonly Option<string> _bind = new("--bind", "-b")
    {
        Description = "Local address: 0.0.0.0 = every IPv4 interface (WinDev's default; anyone on the network can join), 127.0.0.1 = this machine only.",
        HelpName = "ADDR",
        DefaultValueFactory = _ => "0.0.0.0",
    };

    private readonly Option<string?> _redis = new("--redis")
    {
        Description = "Join other chat servers through this Redis server (pub/sub): their clients and ours see one conversation.",
        HelpName = "HOST:PORT",
    };

    private readonly Option<string> _room = new("--room")
    {
        Description = "With --redis: the conversation to join (servers in the same room share their messages).",
        HelpName = "NAME",
        DefaultValueFactory = _ => "main",
    };

    private readonly Option<bool> _quiet = new("--quiet", "-q")
    {
        Description = "Plain log lines on stdout instead of the live table (automatic when stdout is not a terminal).",
    };

    public ChatServerCommand(CliConsole console)
        : base("server", "Run the chat server: every message a client sends goes to every connected client, the sender included; BYE closes a client. Once ready, prints \"listening on ADDR:PORT\" on stderr.")
    {
        _console = console;
        Options.Add(_port);
        Options.Add(_bind);
        Options.Add(_redis);
        Options.Add(_room);
        Options.Add(_quiet);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        string bind = parseResult.GetValue(_bind) ?? "0.0.0.0";
        string? redis = parseResult.GetValue(_redis);
        if (redis is null && OptionChecks.Given(parseResult, _room))
        {
            throw new UsageException("--room needs --redis HOST:PORT (a room is a conversation shared through Redis).");
        }

        bool live = !parseResult.GetValue(_quiet) && !Console.IsOutputRedirected && !Console.IsInputRedirected;
        var log = new ChatServerLog(_console, live);
        var options = new ChatServerOptions
        {
            Bind = bind,
            Port = parseResult.GetValue(_port) ?? ChatProtocol.DefaultPort,
            Notice = log.Add,
            Redis = redis is null ? null : new ChatRedisOptions { Endpoint = redis, Room = parseResult.GetValue(_room) ?? "main" },
        };
        ChatServer server;
        try
        {
            server = ChatServer.Start(options);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message);
        }

        await using (server)
        {
            _console.WriteErrorLine($"listening on {server.LocalEndPoint}");
            if (IsEveryInterface(server.LocalEndPoint.Address))
            {
                _console.ReportWarning($"listening on every interface ({server.LocalEndPoint.Address}): anyone who can reach this machine can join the chat; use --bind 127.0.0.1 to keep it on this machine.");
            }

            if (live)
            {
                await ChatServerView.RunAsync(server, log, redis, cancellationToken);
            }
            else
            {
                log.StartPrinting();
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C: stop as WinDev's Stop button does.
                }
            }

            log.Add(new ChatNotice(ChatNoticeLevel.Information, $"stopping: closing {server.ClientCount} client(s)"));
        }

        return ExitCodes.Success;
    }

    private static bool IsEveryInterface(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
}

/// <summary>The server's notices: printed as plain lines (quiet mode), or kept for the live view's last lines.</summary>
internal sealed class ChatServerLog(CliConsole console, bool live)
{
    private const int Kept = 200;
    private readonly Lock _gate = new();
    private readonly Queue<string> _recent = new();
    private bool _printing;

    /// <summary>Prints every notice as it comes, including those kept so far.</summary>
    public void StartPrinting()
    {
        lock (_gate)
        {
            _printing = true;
            foreach (string line in _recent)
            {
                console.WriteLine(line);
            }
        }
    }

    public void Add(ChatNotice notice)
    {
        string line = $"{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {(notice.Level == ChatNoticeLevel.Warning ? "warning: " : "")}{notice.Text}";
        lock (_gate)
        {
            _recent.Enqueue(line);
            if (_recent.Count > Kept)
            {
                _recent.Dequeue();
            }

            if (_printing && !live)
            {
                console.WriteLine(line);
            }
        }
    }

    public string[] Last(int count)
    {
        lock (_gate)
        {
            return [.. _recent.TakeLast(count)];
        }
    }
}
