using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WLSockets.Cli.Bench;

/// <summary>Writes the results as JSON, as a markdown table and as an SVG bar chart.</summary>
internal static class BenchReport
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Machine() =>
        $"{CpuModel()}, {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";

    public static void WriteJson(string path, BenchSettings settings, IReadOnlyList<ResultRow> rows, IReadOnlyList<GoalResult> goals, IReadOnlyList<string> notes)
    {
        var document = new
        {
            Name = "wlsock-bench",
            Date = DateTimeOffset.UtcNow.ToString("u", CultureInfo.InvariantCulture),
            Machine = Machine(),
            Settings = new
            {
                settings.Scenarios,
                settings.Modes,
                DurationSeconds = settings.Duration.TotalSeconds,
                WarmUpSeconds = settings.WarmUp.TotalSeconds,
                settings.Rounds,
                settings.InFlight,
                settings.PipelinedConnections,
                settings.ConnectionCount,
                MaxMessages = settings.MaxMessages == long.MaxValue ? (long?)null : settings.MaxMessages,
            },
            Results = rows.Select(r => new
            {
                r.Scenario,
                r.System,
                r.Framing,
                r.Connections,
                r.MessageSize,
                r.Samples,
                MessagesPerSecond = Round(r.MessagesPerSecond),
                MegabytesPerSecond = Round(r.MegabytesPerSecond),
                P50Us = Round(r.P50Microseconds),
                P99Us = Round(r.P99Microseconds),
                P999Us = Round(r.P999Microseconds),
                CpuUsPerMessage = Round(r.CpuMicrosecondsPerMessage),
                CpuCores = Round(r.CpuCores),
                AllocatedBytesPerMessage = Round(r.AllocatedBytesPerMessage),
                r.BytesPerConnection,
                r.ManagedBytesPerConnection,
                r.Answered,
                r.Note,
            }),
            Goals = goals.Select(g => new { g.Name, g.Measured, Ratio = Round(g.Ratio), g.Limit, g.Held, g.Detail }),
            AllGoalsHeld = goals.All(g => g.Held),
            Notes = notes,
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document, s_json) + "\n");
    }

    public static string Markdown(IReadOnlyList<ResultRow> rows, IReadOnlyList<GoalResult> goals, IReadOnlyList<string> notes, BenchSettings settings)
    {
        var md = new StringBuilder();
        md.AppendLine("## wlsock bench");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine()}. {settings.Rounds} alternating round(s) of {settings.Duration.TotalSeconds:0.##} s per cell (after {settings.WarmUp.TotalSeconds:0.##} s of warm-up); medians of the rounds. All systems run client and server in one process on 127.0.0.1.");
        md.AppendLine();
        md.AppendLine("### Goals");
        md.AppendLine();
        md.AppendLine("| Goal | Measured | Ratio | Limit | Holds |");
        md.AppendLine("|---|---|---:|---|---|");
        foreach (GoalResult goal in goals)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {goal.Name} | {Escape(goal.Measured)} | {(goal.Ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "–")} | {goal.Limit} | {(goal.Held ? "yes" : "**no**")}{(goal.Detail.Length > 0 ? " (" + Escape(goal.Detail) + ")" : "")} |");
        }

        foreach (IGrouping<string, ResultRow> scenario in rows.GroupBy(r => r.Scenario))
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"### {scenario.Key}");
            md.AppendLine();
            if (scenario.Key == BenchSettings.Connections)
            {
                md.AppendLine("| System | Framing | Connections | Memory/connection | Managed heap/connection | Answered | Note |");
                md.AppendLine("|---|---|---:|---:|---:|---:|---|");
                foreach (ResultRow r in scenario)
                {
                    md.AppendLine(CultureInfo.InvariantCulture, $"| {r.System} | {r.Framing} | {r.Connections:N0} | {Kib(r.BytesPerConnection)} | {Kib(r.ManagedBytesPerConnection)} | {r.Answered?.ToString("N0", CultureInfo.InvariantCulture) ?? "–"} | {Escape(r.Note ?? "")} |");
                }

                continue;
            }

            md.AppendLine("| System | Framing | Conns | msg/s | MB/s | p50 µs | p99 µs | p99.9 µs | CPU µs/msg | CPU cores | Alloc B/msg | Note |");
            md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            foreach (ResultRow r in scenario)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {r.System} | {r.Framing} | {r.Connections} | {r.MessagesPerSecond:N0} | {r.MegabytesPerSecond:N1} | {Num(r.P50Microseconds)} | {Num(r.P99Microseconds)} | {Num(r.P999Microseconds)} | {Num(r.CpuMicrosecondsPerMessage)} | {Num(r.CpuCores, "0.00")} | {Num(r.AllocatedBytesPerMessage, "0")} | {Escape(r.Note ?? "")} |");
            }
        }

        if (notes.Count > 0)
        {
            md.AppendLine();
            foreach (string note in notes)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {Escape(note)}");
            }
        }

        return md.ToString();
    }

    /// <summary>
    /// A dependency-free horizontal bar chart, one panel per scenario, each bar the scenario's headline number
    /// (p50 RTT for ping-pong, messages/s for pipelined, MB/s for bulk, KiB per connection).
    /// </summary>
    public static string Svg(IReadOnlyList<ResultRow> rows)
    {
        const int width = 900, labelWidth = 300, barHeight = 18, gap = 6, panelGap = 34, left = 10;
        var svg = new StringBuilder();
        int y = 30;
        var body = new StringBuilder();
        foreach (IGrouping<string, ResultRow> scenario in rows.GroupBy(r => r.Scenario))
        {
            (string unit, Func<ResultRow, double> value) = scenario.Key switch
            {
                BenchSettings.PingPong => ("p50 round trip, µs (lower is better)", (Func<ResultRow, double>)(r => r.P50Microseconds ?? 0)),
                BenchSettings.Connections => ("memory per connection, KiB (lower is better)", r => (r.BytesPerConnection ?? 0) / 1024),
                BenchSettings.Bulk => ("MB/s (higher is better)", r => r.MegabytesPerSecond),
                _ => ("messages/s (higher is better)", r => r.MessagesPerSecond),
            };
            double max = Math.Max(1e-9, scenario.Max(value));
            body.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{y}\" font-weight=\"bold\">{Xml(scenario.Key)}: {Xml(unit)}</text>");
            y += gap + 4;
            foreach (ResultRow r in scenario)
            {
                double v = value(r);
                double w = Math.Max(1, (width - labelWidth - 110) * v / max);
                string color = r.System.StartsWith("wlsock", StringComparison.Ordinal) ? "#2f6fb3" : r.System is "sockperf" or "iperf3" ? "#888888" : "#d08a2c";
                body.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{y + 13}\">{Xml($"{r.System} · {r.Framing}")}</text>");
                body.AppendLine(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y}\" width=\"{w:0.#}\" height=\"{barHeight}\" fill=\"{color}\"/>");
                body.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + w + 6:0.#}\" y=\"{y + 13}\">{v:#,0.#}</text>");
                y += barHeight + gap;
            }

            y += panelGap;
        }

        svg.AppendLine(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{y}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.AppendLine(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{y}\" fill=\"white\"/>");
        svg.Append(body);
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static double? Round(double? value) => value is { } v && !double.IsNaN(v) && !double.IsInfinity(v) ? Math.Round(v, 3) : null;

    private static string Num(double? value, string format = "0.0") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string Kib(double? bytes) => bytes is { } b && !double.IsNaN(b) ? (b / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " KiB" : "–";

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static string Xml(string text) => System.Security.SecurityElement.Escape(text) ?? "";

    private static string CpuModel()
    {
        try
        {
            string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
