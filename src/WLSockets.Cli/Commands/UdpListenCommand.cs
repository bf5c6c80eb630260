using System.CommandLine;
using System.Text;
using WLSockets.Cli.Infrastructure;

namespace WLSockets.Cli.Commands;

/// <summary><c>wlsock udp listen PORT</c>: prints (and optionally echoes) every datagram received.</summary>
internal sealed class UdpListenCommand : Command
{
    private readonly CliConsole _console;
    private readonly Argument<int> _port = NumberArguments.Port("UDP port to receive on; 0 picks a free port (printed on stderr).", allowZero: true);

    private readonly Option<string> _bind = new("--bind", "-b")
    {
        Description = "Local address to receive on: 0.0.0.0 = every IPv4 interface (WinDev's default), :: = IPv6 and IPv4, 127.0.0.1 or ::1 = this machine only.",
        HelpName = "ADDR",
        DefaultValueFactory = _ => "0.0.0.0",
    };

    private readonly Option<string> _encoding = EncodingOption.Create(
        "Encoding used to print text datagrams: ansi (Windows-1252, WinDev ANSI strings), utf8, utf16 (UTF-16LE, WinDev Unicode strings).");

    private readonly ListenOutputOptions _output = new("datagram", "at its address and port, unchanged", "");

    private readonly Option<bool> _verbose = new("--verbose", "-v")
    {
        Description = "Also print on stderr, before each datagram's line, \"from ADDR:PORT (N bytes)\": who sent it.",
    };

    public UdpListenCommand(CliConsole console)
        : base("listen", "Receive UDP datagrams and print each one as one line on stdout. Once ready, prints \"listening on ADDR:PORT\" on stderr.")
    {
        _console = console;
        Arguments.Add(_port);
        Options.Add(_bind);
        Options.Add(_encoding);
        _output.AddTo(this);
        Options.Add(_verbose);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        Encoding encoding = EncodingOption.Resolve(parseResult.GetValue(_encoding) ?? "ansi");
        bool hex = parseResult.GetValue(_output.Hex);
        bool echo = parseResult.GetValue(_output.Echo);
        bool verbose = parseResult.GetValue(_verbose);
        int? count = parseResult.GetValue(_output.Count);

        // Exclusive: fail with "address in use" when another program holds the port, instead of sharing it silently
        // (with address reuse, Linux gives unicast datagrams to the socket bound last).
        using DatagramSocket socket = DatagramSocket.Bind(parseResult.GetValue(_bind) ?? "0.0.0.0", parseResult.GetValue(_port), exclusiveAddress: true);
        socket.Encoding = encoding;
        _console.ReportListening(socket.LocalEndPoint);
        if (verbose)
        {
            _console.ReportNote($"UDP: each datagram is one line; text decoded as {EncodingOption.CanonicalName(encoding)}{(echo ? "; echoing each one to its sender" : "")}");
        }

        for (int received = 0; count is not int max || received < max; received++)
        {
            Datagram datagram;
            try
            {
                datagram = await socket.ReceiveAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break; // Ctrl+C or SIGTERM
            }

            if (verbose)
            {
                _console.ReportNote($"from {datagram.Sender} ({ByteFormat.Count(datagram.Length)})");
            }

            try
            {
                _console.WriteLine(ByteFormat.ForLine(datagram.Data, hex, encoding));
            }
            catch (IOException)
            {
                break; // stdout is gone: nobody reads the datagrams any more
            }

            if (echo)
            {
                try
                {
                    await socket.SendAsync(datagram.Data, datagram.Sender, CancellationToken.None);
                }
                catch (WLSocketException ex)
                {
                    _console.ReportWarning($"echo to {datagram.Sender} failed: {ex.Message}");
                }
            }
        }

        return ExitCodes.Success;
    }
}
