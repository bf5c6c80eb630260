namespace WLSockets.Cli.Bench;

/// <summary>What one <c>wlsock bench</c> run measures, and for how long.</summary>
internal sealed record BenchSettings
{
    public const string PingPong = "pingpong";
    public const string Pipelined = "pipelined";
    public const string Bulk = "bulk";
    public const string Connections = "connections";

    public static IReadOnlyList<string> AllScenarios { get; } = [PingPong, Pipelined, Bulk, Connections];

    public IReadOnlyList<string> Scenarios { get; init; } = AllScenarios;

    /// <summary>WinDev modes measured for WLSockets (wlsock names).</summary>
    public IReadOnlyList<string> Modes { get; init; } = WLSocketsSystem.AllModes;

    /// <summary>Systems to leave out (by name).</summary>
    public IReadOnlySet<string> Skip { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Timed length of one sample.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Untimed warm-up before each sample.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>ABAB rounds: each cell is sampled once per round, the order reversed every other round.</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>A sample also ends after this many messages (tiny smoke runs).</summary>
    public long MaxMessages { get; init; } = long.MaxValue;

    public int SmallSize { get; init; } = 32;

    public int BulkSize { get; init; } = 1024 * 1024;

    public int InFlight { get; init; } = 1000;

    public IReadOnlyList<int> PipelinedConnections { get; init; } = [1, 100];

    public int ConnectionCount { get; init; } = 10_000;

    public bool External { get; init; } = true;
}
