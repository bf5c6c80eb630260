using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using WLSockets.Benchmarks;

// Usage: WLSockets.Benchmarks [--out DIR] [--quick]. Writes DIR/micro.json and DIR/micro.md; exits 1 when a
// steady-state encode or decode allocates (the goal: 0 bytes per message).
string outDir = Path.Combine("bench", "results");
bool quick = false;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--out" when i + 1 < args.Length:
            outDir = args[++i];
            break;
        case "--quick":
            quick = true;
            break;
        default:
            Console.Error.WriteLine($"micro: unknown argument '{args[i]}'. Usage: WLSockets.Benchmarks [--out DIR] [--quick]");
            return 2;
    }
}

Directory.CreateDirectory(outDir);
Job job = Job.Default
    .WithToolchain(InProcessEmitToolchain.Instance) // no per-benchmark build: minutes, not tens of minutes
    .WithLaunchCount(1)
    .WithWarmupCount(quick ? 1 : 3)
    .WithIterationCount(quick ? 3 : 7)
    .WithIterationTime(TimeInterval.FromMilliseconds(quick ? 40 : 120));
IConfig config = ManualConfig.CreateEmpty()
    .AddJob(job)
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddLogger(ConsoleLogger.Default)
    .AddColumnProvider(DefaultColumnProviders.Instance)
    .WithArtifactsPath(Path.Combine(outDir, "micro-artifacts"))
    .WithOptions(ConfigOptions.DisableLogFile);
Summary[] summaries = [BenchmarkRunner.Run<FramerBenchmarks>(config), BenchmarkRunner.Run<CoreBenchmarks>(config)];

var rows = summaries.SelectMany(s => s.Reports.Select(r => new
{
    Class = r.BenchmarkCase.Descriptor.Type.Name,
    Method = r.BenchmarkCase.Descriptor.WorkloadMethod.Name,
    Mode = r.BenchmarkCase.Parameters["Mode"]?.ToString() ?? "",
    Size = (int)r.BenchmarkCase.Parameters["Size"],
    Input = (bool)r.BenchmarkCase.Parameters["Split"] ? "split" : "coalesced",
    MeanNs = r.ResultStatistics?.Mean,
    AllocatedBytes = r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase),
})).ToList();

bool allocationFree = rows.Count > 0 && rows.All(r => r.AllocatedBytes == 0 && r.MeanNs is not null);
var md = new StringBuilder();
md.AppendLine("## Micro-benchmarks (BenchmarkDotNet 0.15.8, in-process, memory diagnoser)");
md.AppendLine();
md.AppendLine("`FramerBenchmarks`: the pure framers. `CoreBenchmarks`: the async core's MessageReader (receive into a reused");
md.AppendLine("buffer writer) and MessageWriter over an in-memory transport. Split = each frame arrives in two halves.");
md.AppendLine("One operation = one message. Goal: 0 bytes allocated per message in steady state.");
md.AppendLine();
md.AppendLine("| Benchmark | Mode | Size | Input | Mean | MB/s | Allocated/msg |");
md.AppendLine("|---|---|---:|---|---:|---:|---:|");
foreach (var r in rows)
{
    string mean = r.MeanNs is { } ns ? (ns >= 1000 ? (ns / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " µs" : ns.ToString("0.0", CultureInfo.InvariantCulture) + " ns") : "failed";
    string mbps = r.MeanNs is { } t && t > 0 ? (r.Size / t * 1000).ToString("N0", CultureInfo.InvariantCulture) : "–";
    md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Class}.{r.Method} | {r.Mode} | {r.Size:N0} | {r.Input} | {mean} | {mbps} | {(r.AllocatedBytes is { } a ? a + " B" : "?")} |");
}

md.AppendLine();
md.AppendLine(allocationFree ? "Goal holds: every encode and decode allocates 0 bytes per message." : "**Goal missed**: some encode or decode allocates (see the last column).");
File.WriteAllText(Path.Combine(outDir, "micro.md"), md.ToString());
File.WriteAllText(Path.Combine(outDir, "micro.json"), JsonSerializer.Serialize(new { Name = "micro", AllocationFree = allocationFree, Results = rows }, new JsonSerializerOptions { WriteIndented = true }) + "\n");
Console.WriteLine($"micro: {rows.Count} benchmarks, {(allocationFree ? "0 bytes allocated per message everywhere" : "ALLOCATIONS FOUND")}; wrote {Path.Combine(outDir, "micro.md")}");
return allocationFree ? 0 : 1;
