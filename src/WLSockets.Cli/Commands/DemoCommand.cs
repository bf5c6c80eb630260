using System.CommandLine;
using WLSockets.Cli.Demo;
using WLSockets.Cli.Infrastructure;

namespace WLSockets.Cli.Commands;

/// <summary><c>wlsock demo</c>: every framing on the wire, on loopback, checked.</summary>
internal sealed class DemoCommand : Command
{
    private readonly CliConsole _console;

    private readonly Argument<string[]> _cases = new("CASE")
    {
        Description = "Run only these cases (names from --list). None: run them all.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<bool> _list = new("--list", "-l")
    {
        Description = "List the cases and exit.",
    };

    public DemoCommand(CliConsole console)
        : base("demo", "Show, with nothing else started, how each WinDev framing looks on the wire (over TCP and inside TLS), and UDP datagrams, and that WLSockets reads them back: runs every case on loopback and prints PASS/FAIL.")
    {
        _console = console;
        Arguments.Add(_cases);
        Options.Add(_list);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        IReadOnlyList<IDemoCase> all = DemoCatalog.All;
        if (parseResult.GetValue(_list))
        {
            int width = all.Max(c => c.Name.Length) + 2;
            foreach (IDemoCase demoCase in all)
            {
                _console.WriteLine(demoCase.Name.PadRight(width) + demoCase.Title);
            }

            return ExitCodes.Success;
        }

        string[] names = parseResult.GetValue(_cases) ?? [];
        IReadOnlyList<IDemoCase> selected = names.Length == 0 ? all : DemoCatalog.Select(names);
        var runner = new DemoRunner(_console);
        DemoSummary summary = await runner.RunAsync(selected, cancellationToken);
        return summary.Failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
