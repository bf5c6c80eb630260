using System.Text.Json;
using System.Xml.Linq;
using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.InteropTests;

/// <summary>
/// <c>wlsock bench</c> smoke test: a tiny run of every scenario writes well-formed JSON, markdown and SVG. No speed is
/// asserted (performance is measured by bench/run.sh, as ratios).
/// </summary>
public sealed class CliBenchTests
{
    [Fact(Timeout = 120_000)]
    public async Task Bench_with_tiny_counts_writes_json_markdown_and_svg()
    {
        using var temp = new TempDirectory();
        string svg = temp.File("chart.svg");
        await using PeerProcess bench = await Wlsock.RunAsync(
        [
            "bench", "--out", temp.Path, "--plot", svg, "--no-external", "-m", "length", "-m", "raw",
            "--duration", "0.2", "--warmup", "0", "--rounds", "1", "--messages", "20", "--connections", "20",
        ]);
        int exit = await bench.WaitForExitAsync(Tools.Timeout);
        Assert.True(exit is 0 or 1, "exit code " + exit + " (0 goals held, 1 a goal missed or not measured): " + bench.Describe());

        using JsonDocument json = JsonDocument.Parse(await File.ReadAllTextAsync(temp.File("wlsock-bench.json"), Tools.Token));
        JsonElement results = json.RootElement.GetProperty("results");
        string[] scenarios = [.. results.EnumerateArray().Select(r => r.GetProperty("scenario").GetString()!).Distinct()];
        Assert.Equal(["pingpong", "pipelined-1", "pipelined-100", "bulk", "connections"], scenarios);
        Assert.Contains(results.EnumerateArray(), r => r.GetProperty("system").GetString() == "wlsock-facade");
        Assert.Contains(results.EnumerateArray(), r => r.GetProperty("system").GetString() == "kestrel");
        foreach (JsonElement row in results.EnumerateArray().Where(r => r.GetProperty("scenario").GetString() != "connections"))
        {
            Assert.True(row.GetProperty("messages_per_second").GetDouble() > 0, "no message went through: " + row);
        }

        JsonElement connections = results.EnumerateArray().First(r => r.GetProperty("scenario").GetString() == "connections" && r.GetProperty("system").GetString() == "wlsock");
        Assert.Equal(20, connections.GetProperty("answered").GetInt32());
        Assert.Equal(exit == 0, json.RootElement.GetProperty("all_goals_held").GetBoolean());
        Assert.Equal(5, json.RootElement.GetProperty("goals").GetArrayLength());

        string markdown = await File.ReadAllTextAsync(temp.File("wlsock-bench.md"), Tools.Token);
        Assert.StartsWith("## wlsock bench", markdown, StringComparison.Ordinal);
        foreach (string heading in new[] { "### Goals", "### pingpong", "### pipelined-100", "### bulk", "### connections" })
        {
            Assert.Contains(heading, markdown, StringComparison.Ordinal);
        }

        string[] tableLines = [.. markdown.Split('\n').Where(l => l.StartsWith('|'))];
        Assert.All(tableLines, l => Assert.EndsWith("|", l, StringComparison.Ordinal));
        XElement chart = XDocument.Parse(await File.ReadAllTextAsync(svg, Tools.Token)).Root!;
        Assert.Equal("svg", chart.Name.LocalName);
        Assert.Contains(chart.Elements(), e => e.Name.LocalName == "rect");
        Assert.Contains(bench.StandardOutputLines, l => l.StartsWith("ping-pong p50 RTT vs sockperf", StringComparison.Ordinal));
    }
}
