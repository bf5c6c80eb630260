using SharpFuzz;
using WLSockets.Fuzz.Targets;

// The SharpFuzz harness (fuzz/run.sh runs it under afl-fuzz after instrumenting WLSockets.dll):
//   WLSockets.Fuzz TARGET              fuzz TARGET (afl-fuzz feeds the inputs; alone, runs one input from stdin)
//   WLSockets.Fuzz --list              the targets, one per line
//   WLSockets.Fuzz --seed DIR          writes each target's seeds to DIR/<target>/seed-N
//   WLSockets.Fuzz --replay TARGET F…  runs TARGET on each file, prints the outcome (to reproduce a finding)
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: WLSockets.Fuzz TARGET | --list | --seed DIR | --replay TARGET FILE...");
    Console.Error.WriteLine("targets: " + string.Join(", ", ParserTargets.All.Select(t => t.Name)));
    return 2;
}

switch (args[0])
{
    case "--list":
        foreach (ParserTarget target in ParserTargets.All)
        {
            Console.WriteLine(target.Name);
        }

        return 0;
    case "--seed" when args.Length == 2:
        foreach (ParserTarget target in ParserTargets.All)
        {
            string folder = Path.Combine(args[1], target.Name);
            Directory.CreateDirectory(folder);
            for (int i = 0; i < target.Seeds.Count; i++)
            {
                File.WriteAllBytes(Path.Combine(folder, $"seed-{i:D2}"), target.Seeds[i]);
            }
        }

        return 0;
    case "--replay" when args.Length >= 3:
    {
        ParserTarget target = ParserTargets.Find(args[1]) ?? throw new ArgumentException($"Unknown target '{args[1]}'.");
        int failures = 0;
        foreach (string file in args[2..])
        {
            try
            {
                target.Run(File.ReadAllBytes(file));
                Console.WriteLine($"ok    {file}");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failures++;
                Console.WriteLine($"FAIL  {file}: {ex}");
            }
        }

        return failures == 0 ? 0 : 1;
    }

    default:
    {
        ParserTarget target = ParserTargets.Find(args[0]) ?? throw new ArgumentException($"Unknown target '{args[0]}'.");
        Fuzzer.Run(stream =>
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            target.Run(copy.GetBuffer().AsSpan(0, (int)copy.Length));
        });
        return 0;
    }
}
