using System.CommandLine;
using WLSockets.Cli.Infrastructure;
using WLSockets.WLangage;
using static WLSockets.WLangage.Functions;

namespace WLSockets.Cli.Commands;

/// <summary>
/// <c>wlsock bt listen SERVICE</c> / <c>wlsock ir listen SERVICE-NAME</c>: the <c>listen</c> server over Bluetooth
/// RFCOMM or infrared, through the WLangage facade (SocketCreateBluetooth/SocketCreateInfrared, SocketWaitForConnection,
/// SocketAccept, SocketRead, SocketWrite).
/// </summary>
internal sealed class RadioListenCommand : Command
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(250);

    private readonly CliConsole _console;
    private readonly RadioTransport _transport;
    private readonly Argument<string> _service;
    private readonly Option<string> _description = new("--description", "-d")
    {
        Description = "Bluetooth only: the service description (SocketCréeBluetooth's third parameter). No SDP record is published, so clients find the server by its channel number.",
        HelpName = "TEXT",
        DefaultValueFactory = _ => "",
    };

    private readonly FramingOptions _framing = new();

    private readonly ListenOutputOptions _output = ListenOutputOptions.ForMessages();

    private readonly Option<bool> _verbose = new("--verbose", "-v")
    {
        Description = "Also note on stderr each client connecting (its address) and leaving.",
    };

    public RadioListenCommand(CliConsole console, RadioTransport transport)
        : base("listen", $"Run a {transport.DisplayName} server: accept any number of clients and print every message received, one per line on stdout. Once ready, prints \"listening on ...\" on stderr.")
    {
        _console = console;
        _transport = transport;
        _service = transport.HasAddress
            ? new Argument<string>("SERVICE") { Description = "RFCOMM channel 1 to 30 (what clients connect to on Linux), a known service name (SerialPortServiceClass_UUID), a GUID or a short form (0x1101)." }
            : new Argument<string>("SERVICE-NAME") { Description = "IrDA (IAS) service name, 1 to 24 printable ASCII characters." };
        Arguments.Add(_service);
        if (transport.HasAddress)
        {
            Options.Add(_description);
        }

        _framing.AddTo(this);
        _output.AddTo(this);
        Options.Add(_verbose);
        SetAction(RunAsync);
    }

    private Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        FramingSettings framing = _framing.Resolve(parseResult);
        if (framing.Warning is not null)
        {
            _console.ReportWarning(framing.Warning);
        }

        string service = parseResult.GetValue(_service) ?? "";
        string description = parseResult.GetValue(_description) ?? "";
        var session = new Session(_console, framing, parseResult.GetValue(_output.Hex), parseResult.GetValue(_output.Echo), parseResult.GetValue(_output.Count), parseResult.GetValue(_verbose));

        // The WLangage functions block the calling thread, as in WinDev: run them on their own thread.
        return Task.Factory.StartNew(() => Serve(session, service, description, cancellationToken),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private int Serve(Session session, string service, string description, CancellationToken cancellationToken)
    {
        string server = _transport.NewSocketName("server");
        WLangageCalls.Check(_transport.Create(server, service, description));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clients = new List<Task>();
        try
        {
            _console.ReportNote($"listening on {_transport.DisplayName} {service} ({session.Framing.Describe()})");
            while (!stop.IsCancellationRequested && !session.Done)
            {
                if (!SocketWaitForConnection(server, s_poll))
                {
                    if (ErrorOccurred)
                    {
                        throw WLangageCalls.LastError();
                    }

                    continue;
                }

                string channel = SocketAccept(server);
                if (channel.Length == 0)
                {
                    continue;
                }

                clients.Add(Task.Factory.StartNew(() => ServeClient(session, channel, stop), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
            }
        }
        finally
        {
            stop.Cancel();
            Task.WaitAll([.. clients], TimeSpan.FromSeconds(5));
            RadioTransport.Close(server);
        }

        return ExitCodes.Success;
    }

    private static void ServeClient(Session session, string channel, CancellationTokenSource stop)
    {
        string peer = SocketClientInfo(channel, SocketAddress);
        try
        {
            WLangageCalls.Check(SocketChangeTransmissionMode(channel, (int)session.Framing.Mode, session.Framing.Marker));
            if (session.Verbose)
            {
                session.Console.ReportNote($"client {peer} connected");
            }

            while (!stop.IsCancellationRequested)
            {
                // Empty without an error is the poll timing out (an empty length-prefixed message cannot be told apart here).
                WLData message = SocketRead(channel, false, s_poll);
                if (message.IsEmpty)
                {
                    if (ErrorOccurred)
                    {
                        break;
                    }

                    continue;
                }

                byte[] bytes = message.Bytes;
                session.Console.WriteLine(ByteFormat.ForLine(bytes, session.Hex, session.Framing.Encoding));
                if (session.Echo && !SocketWrite(channel, bytes))
                {
                    break;
                }

                if (session.CountOne())
                {
                    stop.Cancel();
                }
            }
        }
        catch (Exception ex) when (ex is UsageException or CliFailureException)
        {
            session.Console.ReportWarning($"client {peer}: {ex.Message}");
        }
        finally
        {
            RadioTransport.Close(channel);
            if (session.Verbose)
            {
                session.Console.ReportNote($"client {peer} left");
            }
        }
    }

    private sealed class Session(CliConsole console, FramingSettings framing, bool hex, bool echo, int? count, bool verbose)
    {
        private int _received;

        public CliConsole Console { get; } = console;
        public FramingSettings Framing { get; } = framing;
        public bool Hex { get; } = hex;
        public bool Echo { get; } = echo;
        public bool Verbose { get; } = verbose;

        public bool Done => count is { } n && Volatile.Read(ref _received) >= n;

        /// <summary>Counts one message; true when it was the last one wanted (--count).</summary>
        public bool CountOne() => count is { } n && Interlocked.Increment(ref _received) >= n;
    }
}
