using System.CommandLine;
using System.Globalization;
using System.Net;
using Spectre.Console;
using WLSockets.Cli.Bench;
using WLSockets.Cli.Infrastructure;

namespace WLSockets.Cli.Commands;

/// <summary>
/// <c>wlsock bench</c>: end-to-end load on loopback, WLSockets against plain sockets, Kestrel (and the baselines a bench
/// project plugs in, e.g. DotNetty) and the machine's limits (sockperf, iperf3), as ratios measured in the same run.
/// </summary>
internal sealed class BenchCommand : Command
{
    private readonly CliConsole _console;
    private readonly IReadOnlyList<IBenchSystem> _extraSystems;

    private readonly Option<string[]> _scenarios = new("--scenario", "-s")
    {
        Description = "Scenarios to run (repeatable): pingpong, pipelined, bulk, connections. Default: all.",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<string[]> _modes = new("--mode", "-m")
    {
        Description = "WinDev framings measured for WLSockets (repeatable): length, endtag, endtag-buffer, raw. Default: all. The goals use length.",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<string[]> _skip = new("--skip")
    {
        Description = "Systems to leave out (repeatable): wlsock-facade, raw-sockets, kestrel, dotnetty, sockperf, iperf3.",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<double?> _duration = new("--duration") { Description = "Seconds per sample (default 2; --quick 0.5).", HelpName = "SECONDS" };
    private readonly Option<double?> _warmUp = new("--warmup") { Description = "Warm-up seconds before each sample (default 0.5; --quick 0.2).", HelpName = "SECONDS" };
    private readonly Option<int?> _rounds = new("--rounds") { Description = "Alternating rounds; each cell is sampled once per round (default 3; --quick 1).", HelpName = "N" };
    private readonly Option<long?> _messages = new("--messages") { Description = "A sample also ends after N messages (tiny smoke runs).", HelpName = "N" };
    private readonly Option<int?> _connections = new("--connections") { Description = "Connections held by the connections scenario (default 10000; --quick 1000).", HelpName = "N" };
    private readonly Option<bool> _quick = new("--quick") { Description = "Short samples, one round, 1,000 connections: a quick look, not a result." };
    private readonly Option<string> _out = new("--out") { Description = "Directory for wlsock-bench.json and wlsock-bench.md.", HelpName = "DIR", DefaultValueFactory = _ => Path.Combine("bench", "results") };
    private readonly Option<string?> _plot = new("--plot") { Description = "Also draw the comparison chart into this SVG file.", HelpName = "FILE.svg" };
    private readonly Option<bool> _noExternal = new("--no-external") { Description = "Do not run sockperf and iperf3." };
    private readonly Option<string?> _connectionsClient = new("--connections-client") { Hidden = true };
    private readonly Option<string> _framing = new("--framing") { Hidden = true, DefaultValueFactory = _ => ModeNames.Length };

    public BenchCommand(CliConsole console, IReadOnlyList<IBenchSystem> extraSystems)
        : base("bench", "Measure WLSockets on loopback against plain sockets, Kestrel, DotNetty (bench/run.sh) and sockperf/iperf3, as ratios from one run; writes JSON and markdown; exits 1 when a goal is missed.")
    {
        _console = console;
        _extraSystems = extraSystems;
        foreach (Option option in new Option[] { _scenarios, _modes, _skip, _duration, _warmUp, _rounds, _messages, _connections, _quick, _out, _plot, _noExternal, _connectionsClient, _framing })
        {
            Options.Add(option);
        }

        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        if (parseResult.GetValue(_connectionsClient) is { } target)
        {
            IPEndPoint server = IPEndPoint.TryParse(target, out IPEndPoint? parsed) ? parsed : throw new UsageException($"Bad --connections-client address '{target}'.");
            return await ConnectionsLoad.ClientAsync(server, parseResult.GetValue(_connections) ?? 10_000, parseResult.GetValue(_framing)!, _console, cancellationToken);
        }

        BenchSettings settings = Resolve(parseResult);
        string outDir = parseResult.GetValue(_out)!;
        Directory.CreateDirectory(outDir);
        IBenchSystem[] systems =
        [
            new WLSocketsSystem(facade: false, settings.Modes),
            new WLSocketsSystem(facade: true, settings.Modes),
            new RawSocketsSystem(),
            new KestrelSystem(),
            .. _extraSystems,
        ];
        var engine = new BenchEngine(settings, systems);
        if (!_extraSystems.Any(s => s.Name == "dotnetty"))
        {
            engine.Notes.Add("dotnetty: not in this run (its baseline lives in bench/Baselines; bench/run.sh runs it)");
        }

        List<ResultRow> rows = await RunWithProgressAsync(engine, cancellationToken);
        List<GoalResult> goals = Goals.Evaluate(rows, settings);
        string json = Path.Combine(outDir, "wlsock-bench.json");
        string md = Path.Combine(outDir, "wlsock-bench.md");
        BenchReport.WriteJson(json, settings, rows, goals, engine.Notes);
        string markdown = BenchReport.Markdown(rows, goals, engine.Notes, settings);
        await File.WriteAllTextAsync(md, markdown, cancellationToken);
        if (parseResult.GetValue(_plot) is { Length: > 0 } plot)
        {
            await File.WriteAllTextAsync(plot, BenchReport.Svg(rows), cancellationToken);
        }

        PrintGoals(goals);
        _console.WriteLine($"wrote {json} and {md}");
        return goals.All(g => g.Held) ? ExitCodes.Success : ExitCodes.Failure;
    }

    private BenchSettings Resolve(ParseResult parseResult)
    {
        bool quick = parseResult.GetValue(_quick);
        string[] scenarios = parseResult.GetValue(_scenarios) is { Length: > 0 } s ? s : [.. BenchSettings.AllScenarios];
        foreach (string scenario in scenarios.Where(x => !BenchSettings.AllScenarios.Contains(x)))
        {
            throw new UsageException($"Unknown scenario '{scenario}' for --scenario. Use one of: {string.Join(", ", BenchSettings.AllScenarios)}.");
        }

        string[] modes = parseResult.GetValue(_modes) is { Length: > 0 } m ? m : [.. WLSocketsSystem.AllModes];
        var names = new List<string>();
        foreach (string mode in modes)
        {
            if (!ModeNames.TryParse(mode, out TransmissionMode parsed))
            {
                throw new UsageException($"Unknown mode '{mode}' for --mode. Use one of: {string.Join(", ", ModeNames.All)}.");
            }

            names.Add(ModeNames.ToName(parsed));
        }

        double duration = parseResult.GetValue(_duration) ?? (quick ? 0.5 : 2);
        double warmUp = parseResult.GetValue(_warmUp) ?? (quick ? 0.2 : 0.5);
        int rounds = parseResult.GetValue(_rounds) ?? (quick ? 1 : 3);
        int connections = parseResult.GetValue(_connections) ?? (quick ? 1000 : 10_000);
        long messages = parseResult.GetValue(_messages) ?? long.MaxValue;
        if (duration <= 0 || warmUp < 0 || rounds < 1 || connections < 1 || messages < 1)
        {
            throw new UsageException("--duration, --rounds, --connections and --messages must be positive, --warmup zero or more.");
        }

        return new BenchSettings
        {
            Scenarios = [.. scenarios.Distinct()],
            Modes = [.. names.Distinct()],
            Skip = new HashSet<string>(parseResult.GetValue(_skip) ?? [], StringComparer.Ordinal),
            Duration = TimeSpan.FromSeconds(duration),
            WarmUp = TimeSpan.FromSeconds(warmUp),
            Rounds = rounds,
            ConnectionCount = connections,
            MaxMessages = messages,
            External = !parseResult.GetValue(_noExternal),
        };
    }

    private static async Task<List<ResultRow>> RunWithProgressAsync(BenchEngine engine, CancellationToken cancellationToken)
    {
        IAnsiConsole progressConsole = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        int total = engine.CountSamples();
        return await progressConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                ProgressTask task = context.AddTask("wlsock bench", maxValue: Math.Max(1, total));
                List<ResultRow> rows = await engine.RunAsync(done =>
                {
                    task.Description = Markup.Escape(done);
                    task.Increment(1);
                }, cancellationToken);
                task.Value = task.MaxValue;
                return rows;
            });
    }

    private void PrintGoals(IReadOnlyList<GoalResult> goals)
    {
        _console.WriteLine("");
        _console.WriteLine("Goal                                               Ratio   Limit   Holds  Measured");
        foreach (GoalResult goal in goals)
        {
            string ratio = goal.Ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "-";
            string held = goal.Held ? _console.Colorize("yes", ConsoleColor.Green) : _console.Colorize("NO ", ConsoleColor.Red);
            _console.WriteLine($"{goal.Name,-50} {ratio,6}  {goal.Limit,-6}  {held}    {goal.Measured}{(goal.Detail.Length > 0 ? " (" + goal.Detail + ")" : "")}");
        }
    }
}
