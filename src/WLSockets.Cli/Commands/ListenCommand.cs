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

    private readonly ListenOutputOptions _output = ListenOutputOptions.ForMessages();

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
        _output.AddTo(this);
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
            Hex = parseResult.GetValue(_output.Hex),
            Echo = parseResult.GetValue(_output.Echo),
            Count = parseResult.GetValue(_output.Count),
            Verbose = parseResult.GetValue(_verbose),
        };
        await server.RunAsync(parseResult.GetValue(_bind) ?? "0.0.0.0", parseResult.GetValue(_port), cancellationToken);
        return ExitCodes.Success;
    }
}
