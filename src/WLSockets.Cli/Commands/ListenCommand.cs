using System.CommandLine;
using WLSockets.Cli.Infrastructure;

namespace WLSockets.Cli.Commands;

/// <summary><c>wlsock listen PORT</c>: a standard server that prints (and optionally echoes) every message.</summary>
internal sealed class ListenCommand : Command
{
    private readonly CliConsole _console;
    private readonly Argument<int> _port = NumberArguments.Port("TCP port to listen on; 0 picks a free port (printed on stderr).", allowZero: true);

    private readonly Option<string> _bind = new("--bind", "-b")
    {
        Description = "Local address to listen on: 0.0.0.0 = every IPv4 interface (WinDev's default), :: = IPv6 and IPv4, 127.0.0.1 or ::1 = this machine only.",
        HelpName = "ADDR",
        DefaultValueFactory = _ => "0.0.0.0",
    };

    private readonly FramingOptions _framing = new();

    private readonly Option<bool> _hex = new("--hex", "-x")
    {
        Description = "Print each message as lowercase hex (48656c6c6f) instead of decoded text.",
    };

    private readonly Option<bool> _echo = new("--echo")
    {
        Description = "Send each message back to its sender, in the same framing.",
    };

    private readonly Option<int?> _count = NumberArguments.AtLeast("--count", "-n", 1, "N",
        "Exit (code 0) after N messages in total from all clients, once the Nth is printed and echoed. Default: run until Ctrl+C.");

    private readonly Option<bool> _verbose = new("--verbose", "-v")
    {
        Description = "Also note on stderr each client connecting (with --tls: the protocol and cipher suite negotiated) and leaving.",
    };

    private readonly ServerTlsOptions _tls = new();

    public ListenCommand(CliConsole console)
        : base("listen", "Run a server: accept any number of clients at once and print every message received, one per line on stdout. Once ready, prints \"listening on ADDR:PORT\" on stderr.")
    {
        _console = console;
        Arguments.Add(_port);
        Options.Add(_bind);
        _framing.AddTo(this);
        Options.Add(_hex);
        Options.Add(_echo);
        Options.Add(_count);
        Options.Add(_verbose);
        _tls.AddTo(this);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        FramingSettings framing = _framing.Resolve(parseResult);
        ServerTlsSetup? tls = _tls.Resolve(parseResult);
        var server = new ListenServer(_console, framing, tls)
        {
            Hex = parseResult.GetValue(_hex),
            Echo = parseResult.GetValue(_echo),
            Count = parseResult.GetValue(_count),
            Verbose = parseResult.GetValue(_verbose),
        };
        await server.RunAsync(parseResult.GetValue(_bind) ?? "0.0.0.0", parseResult.GetValue(_port), cancellationToken);
        return ExitCodes.Success;
    }
}
