using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Filters;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using WLSockets;
using WLSockets.Benchmarks;

// Usage: WLSockets.Benchmarks [--out DIR] [--quick]. Writes DIR/micro.json and DIR/micro.md; exits 1 when a
// steady-state encode or decode allocates (the goal: 0 bytes per message).
string outDir = Path.Combine("bench", "results");
bool quick = false;
bool allocationsOnly = false; // --allocations-only: the exact allocation check without timings (seconds, not minutes)
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
        case "--allocations-only":
            allocationsOnly = true;
            break;
        default:
            Console.Error.WriteLine($"micro: unknown argument '{args[i]}'. Usage: WLSockets.Benchmarks [--out DIR] [--quick] [--allocations-only]");
            return 2;
    }
}

Directory.CreateDirectory(outDir);
Job job = Job.Default
    .WithToolchain(InProcessEmitToolchain.Instance) // no per-benchmark build: minutes, not tens of minutes
    .WithLaunchCount(1)
    .WithWarmupCount(quick ? 1 : 3)
    .WithIterationCount(quick ? 3 : 7)
    .WithIterationTime(TimeInterval.FromMilliseconds(quick ? 40 : 120))
    .WithEvaluateOverhead(false); // the operations are microseconds long: the empty-call overhead is noise here
IConfig config = ManualConfig.CreateEmpty()
    .AddJob(job)
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddLogger(ConsoleLogger.Default)
    .AddColumnProvider(DefaultColumnProviders.Instance)
    .WithArtifactsPath(Path.Combine(outDir, "micro-artifacts"))
    .WithOptions(ConfigOptions.DisableLogFile);
if (quick)
{
    // A quick look: the length-prefix mode only (WinDev's default); the exact allocation check still covers every case.
    config = ((ManualConfig)config).AddFilter(new SimpleFilter(b => Equals(b.Parameters["Mode"], TransmissionMode.SizePrefixed)));
}

Summary[] summaries = allocationsOnly ? [] : [BenchmarkRunner.Run<EncodeBenchmarks>(config), BenchmarkRunner.Run<DecodeBenchmarks>(config)];

// BenchmarkDotNet's in-process memory diagnoser counts the whole process (its own threads too), so a long operation
// can show a few stray bytes. The goal is checked exactly: the same operation on this thread, counted with
// GC.GetAllocatedBytesForCurrentThread (every operation here completes synchronously on the calling thread).
IEnumerable<(Type Type, string Method, Dictionary<string, object> Parameters, double? MeanNs, long? Allocated)> cases = allocationsOnly
    ? AllCases()
    : quick
    ? summaries.SelectMany(s => s.Reports.Select(r => (r.BenchmarkCase.Descriptor.Type, r.BenchmarkCase.Descriptor.WorkloadMethod.Name,
        r.BenchmarkCase.Parameters.Items.ToDictionary(p => p.Name, p => p.Value), r.ResultStatistics?.Mean, r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase))))
        .Concat(AllCases().Where(c => !Equals(c.Item3["Mode"], TransmissionMode.SizePrefixed)))
    : summaries.SelectMany(s => s.Reports.Select(r => (r.BenchmarkCase.Descriptor.Type, r.BenchmarkCase.Descriptor.WorkloadMethod.Name,
        r.BenchmarkCase.Parameters.Items.ToDictionary(p => p.Name, p => p.Value), r.ResultStatistics?.Mean, r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase))));
var rows = cases.Select(c => new
{
    Benchmark = c.Type.Name + "." + c.Method,
    Mode = c.Parameters["Mode"].ToString() ?? "",
    Size = (int)c.Parameters["Size"],
    Input = c.Parameters.TryGetValue("Split", out object? split) ? ((bool)split ? "split" : "coalesced") : "-",
    c.MeanNs,
    AllocatedBytes = c.Allocated,
    ExactBytes = AllocationCheck.BytesPerOperation(c.Type, c.Method, c.Parameters),
}).ToList();

bool allocationFree = rows.Count > 0 && rows.All(r => r.ExactBytes == 0 && (allocationsOnly || quick || r.MeanNs is not null));
var md = new StringBuilder();
md.AppendLine("## Micro-benchmarks (BenchmarkDotNet 0.15.8, in-process, memory diagnoser)");
md.AppendLine();
md.AppendLine("`Framer*`: the pure framers (FrameEncoder, LengthPrefixFramer, EndMarkerFramer). `Core*`: the async core's");
md.AppendLine("MessageWriter and MessageReader (receive into a reused buffer writer) over an in-memory transport.");
md.AppendLine("Split = each frame arrives in two halves (decode resumes where it stopped). Raw mode has no framer.");
md.AppendLine("One operation = one message. Goal: 0 bytes allocated per message in steady state, checked exactly on the");
md.AppendLine("calling thread (the BDN column counts the whole process, its own threads included, hence a few stray bytes).");
md.AppendLine();
md.AppendLine("| Benchmark | Mode | Size | Input | Mean | MB/s | Allocated/msg (BDN) | Allocated/msg (exact) |");
md.AppendLine("|---|---|---:|---|---:|---:|---:|---:|");
foreach (var r in rows)
{
    string mean = r.MeanNs is { } ns ? (ns >= 1000 ? (ns / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " µs" : ns.ToString("0.0", CultureInfo.InvariantCulture) + " ns") : "–";
    string mbps = r.MeanNs is { } t && t > 0 ? (r.Size / t * 1000).ToString("N0", CultureInfo.InvariantCulture) : "–";
    md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Benchmark} | {r.Mode} | {r.Size:N0} | {r.Input} | {mean} | {mbps} | {(r.AllocatedBytes is { } a ? a + " B" : "?")} | {r.ExactBytes:0.##} B |");
}

md.AppendLine();
md.AppendLine(allocationFree ? "Goal holds: every encode and decode allocates 0 bytes per message." : "**Goal missed**: some encode or decode allocates (see the last column).");
File.WriteAllText(Path.Combine(outDir, "micro.md"), md.ToString());
File.WriteAllText(Path.Combine(outDir, "micro.json"), JsonSerializer.Serialize(new { Name = "micro", AllocationFree = allocationFree, Results = rows }, new JsonSerializerOptions { WriteIndented = true }) + "\n");
Console.WriteLine($"micro: {rows.Count} benchmarks, {(allocationFree ? "0 bytes allocated per message everywhere" : "ALLOCATIONS FOUND")}; wrote {Path.Combine(outDir, "micro.md")}");
return allocationFree ? 0 : 1;

static IEnumerable<(Type, string, Dictionary<string, object>, double?, long?)> AllCases()
{
    TransmissionMode[] modes = [TransmissionMode.SizePrefixed, TransmissionMode.EndTag, TransmissionMode.NoEndTag];
    int[] sizes = [32, 1024, 64 * 1024, 1024 * 1024];
    foreach (TransmissionMode mode in modes)
    {
        foreach (int size in sizes)
        {
            foreach (string method in new[] { "FramerEncode", "CoreEncode" })
            {
                yield return (typeof(EncodeBenchmarks), method, new() { ["Mode"] = mode, ["Size"] = size }, null, null);
            }

            foreach (bool split in new[] { false, true })
            {
                foreach (string method in new[] { "FramerDecode", "CoreDecode" })
                {
                    yield return (typeof(DecodeBenchmarks), method, new() { ["Mode"] = mode, ["Size"] = size, ["Split"] = split }, null, null);
                }
            }
        }
    }
}
