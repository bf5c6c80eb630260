using System.Globalization;

namespace WLSockets.Cli.Bench;

/// <summary>The goals of issue 9, each a ratio between two cells of the same run.</summary>
internal static class Goals
{
    public const double MaxBytesPerConnection = 16 * 1024;

    public static List<GoalResult> Evaluate(IReadOnlyList<ResultRow> rows, BenchSettings settings)
    {
        ResultRow? Find(string scenario, string system, string framing = "length") =>
            rows.FirstOrDefault(r => r.Scenario == scenario && r.System == system && (r.Framing == framing || framing == "*") && r.Samples > 0);

        var goals = new List<GoalResult>();
        if (settings.Scenarios.Contains(BenchSettings.PingPong))
        {
            ResultRow? core = Find(BenchSettings.PingPong, "wlsock");
            ResultRow? sockperf = Find(BenchSettings.PingPong, "sockperf", "*");
            goals.Add(Ratio("ping-pong p50 RTT vs sockperf", core?.P50Microseconds, sockperf?.P50Microseconds, 1.3, lowerIsBetter: true, "µs", "wlsock (length)", "sockperf"));
            ResultRow? facade = Find(BenchSettings.PingPong, "wlsock-facade");
            goals.Add(Ratio("facade ping-pong p50 RTT vs async core", facade?.P50Microseconds, core?.P50Microseconds, 1.2, lowerIsBetter: true, "µs", "wlsock-facade (length)", "wlsock (length)"));
        }

        if (settings.Scenarios.Contains(BenchSettings.Pipelined))
        {
            string scenario = $"{BenchSettings.Pipelined}-{settings.PipelinedConnections.Max()}";
            ResultRow? core = Find(scenario, "wlsock");
            ResultRow? best = rows.Where(r => r.Scenario == scenario && r.System is "raw-sockets" or "kestrel" or "dotnetty" && r.Samples > 0)
                .MaxBy(r => r.MessagesPerSecond);
            goals.Add(Ratio($"pipelined 32 B × {settings.PipelinedConnections.Max()} connections vs best baseline", core?.MessagesPerSecond, best?.MessagesPerSecond, 1.0, lowerIsBetter: false, "msg/s", "wlsock (length)", best?.System ?? "baseline"));
        }

        if (settings.Scenarios.Contains(BenchSettings.Bulk))
        {
            ResultRow? core = Find(BenchSettings.Bulk, "wlsock");
            ResultRow? iperf = Find(BenchSettings.Bulk, "iperf3", "*");
            goals.Add(Ratio("bulk 1 MiB throughput vs iperf3", core?.MegabytesPerSecond, iperf?.MegabytesPerSecond, 0.8, lowerIsBetter: false, "MB/s", "wlsock (length)", "iperf3"));
        }

        if (settings.Scenarios.Contains(BenchSettings.Connections))
        {
            ResultRow? core = Find(BenchSettings.Connections, "wlsock");
            double? bytes = core?.BytesPerConnection;
            bool allAnswered = core is { Answered: { } a } && a == settings.ConnectionCount;
            bool held = bytes is { } b && b <= MaxBytesPerConnection && allAnswered;
            string measured = core is null ? "not measured" : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024:0.0} KiB/connection, {core.Answered}/{settings.ConnectionCount} answered");
            goals.Add(new GoalResult($"{settings.ConnectionCount:N0} idle connections", measured, bytes is { } v ? v / MaxBytesPerConnection : null, "≤ 16 KiB each, all answer", held,
                core?.Note ?? ""));
        }

        return goals;
    }

    private static GoalResult Ratio(string name, double? measured, double? baseline, double limit, bool lowerIsBetter, string unit, string who, string against)
    {
        if (measured is not { } m || baseline is not { } b || b <= 0 || double.IsNaN(m))
        {
            return new GoalResult(name, "not measured", null, (lowerIsBetter ? "≤ " : "≥ ") + limit.ToString("0.0#", CultureInfo.InvariantCulture), false,
                $"{who} or {against} has no result in this run");
        }

        double ratio = m / b;
        bool held = lowerIsBetter ? ratio <= limit : ratio >= limit;
        return new GoalResult(name, string.Create(CultureInfo.InvariantCulture, $"{who} {m:0.##} {unit} / {against} {b:0.##} {unit}"), ratio,
            (lowerIsBetter ? "≤ " : "≥ ") + limit.ToString("0.0#", CultureInfo.InvariantCulture), held, "");
    }
}
