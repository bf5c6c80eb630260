using System.Text.Json;
using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.InteropTests;

/// <summary>The trace relay benchmark runs and writes its files (a few iterations; speed is not asserted here).</summary>
public class TraceRelayBenchSmokeTests
{
    [Fact(Timeout = 120_000)]
    public async Task The_benchmark_runs_and_writes_its_json_and_markdown_files()
    {
        string? dll = null;
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null && dll is null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "bench", "TraceRelay", "bin", "Release", "net10.0", "TraceRelayBench.dll");
            dll = File.Exists(candidate) ? candidate : null;
        }

        Assert.True(dll is not null, "bench/TraceRelay is not built: build WLSockets.slnx in Release (./test.sh does).");
        using var directory = new TempDirectory();
        PeerProcess bench = PeerProcess.Start(Tools.DotnetHost, [dll, "--smoke", "--out", directory.Path]);
        await using PeerProcess _ = bench;
        Assert.True(await bench.WaitForExitAsync(Tools.Timeout) == 0, bench.Describe());
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(directory.File("trace-relay.json")));
        Assert.Equal("trace-relay", json.RootElement.GetProperty("benchmark").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("goals").GetArrayLength());
        Assert.Contains("| Goal |", File.ReadAllText(directory.File("trace-relay.md")), StringComparison.Ordinal);
    }
}
