using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.Chat.Tests;

/// <summary>The capacity bench runs and writes its files (a few clients and messages; speed is not asserted here).</summary>
public class BenchSmokeTests
{
    [Fact]
    public async Task ChatCapacity_runs_and_writes_its_json_and_markdown()
    {
        string? dll = null;
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null && dll is null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "bench", "ChatCapacity", "bin", "Release", "net10.0", "ChatCapacity.dll");
            dll = File.Exists(candidate) ? candidate : null;
        }

        Assert.True(dll is not null, "bench/ChatCapacity is not built: build WLSockets.slnx in Release first");
        string outDir = Path.Combine(Path.GetTempPath(), "chatcapacity-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using PeerProcess bench = PeerProcess.Start(Tools.DotnetHost, [dll!, "--clients", "40", "--messages", "4", "--interval-ms", "20", "--out", outDir, "--no-goals"]);
            Assert.True(await bench.WaitForExitAsync(Tools.Timeout) == 0, bench.Describe());
            string json = await File.ReadAllTextAsync(Path.Combine(outDir, "ChatCapacity.json"), TestContext.Current.CancellationToken);
            Assert.Contains("\"lostDeliveries\": 0", json, StringComparison.Ordinal);
            Assert.Contains("broadcast latency p99", await File.ReadAllTextAsync(Path.Combine(outDir, "ChatCapacity.md"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(outDir))
            {
                Directory.Delete(outDir, recursive: true);
            }
        }
    }
}
