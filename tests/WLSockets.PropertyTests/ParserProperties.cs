using CsCheck;
using WLSockets.Fuzz.Targets;

namespace WLSockets.PropertyTests;

/// <summary>
/// Every parser that reads a peer's bytes (<see cref="ParserTargets"/>, shared with the fuzz harness) given arbitrary
/// bytes: only documented outcomes (the target checks them), no allocation above its budget, no input that runs forever.
/// The fuzzers' corpus (fuzz/corpus/&lt;target&gt;/) is replayed too, so what fuzzing found stays covered.
/// </summary>
public class ParserProperties
{
    public static TheoryData<string> Targets => [.. ParserTargets.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Arbitrary_bytes_give_only_documented_outcomes_within_the_allocation_budget(string name)
    {
        ParserTarget target = ParserTargets.Find(name)!;
        foreach (byte[] seed in target.Seeds)
        {
            target.Run(seed); // warm-up: static state and JIT are not the input's cost
        }

        Gen<byte[]> inputs = Gen.Frequency(
            (3, Gen.Byte.Array[0, 64]),
            (2, Gen.Byte.Array[0, 2048]),
            (2, Gen.OneOf(target.Seeds.ToArray()).SelectMany(seed => Gen.Byte.Array[0, 16].Select(Gen.Int[0, Math.Max(0, seed.Length)], (extra, at) => (byte[])[.. seed.AsSpan(0, at), .. extra, .. seed.AsSpan(at)]))));
        Bounded.Check(inputs, input =>
        {
            long allocated = Bounded.Allocated(() => target.Run(input));
            long budget = target.AllocationBudget(input.Length);
            Assert.True(allocated <= budget, $"{name}: {allocated:N0} bytes allocated for a {input.Length}-byte input (budget {budget:N0}).");
        }, Bounded.Iterations(1500));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void The_fuzzing_corpus_and_seeds_give_only_documented_outcomes(string name)
    {
        ParserTarget target = ParserTargets.Find(name)!;
        List<byte[]> inputs = [.. target.Seeds];
        string? corpus = Corpus.Folder(name);
        if (corpus is not null)
        {
            inputs.AddRange(Directory.EnumerateFiles(corpus).Order(StringComparer.Ordinal).Select(File.ReadAllBytes));
        }

        Assert.NotEmpty(inputs);
        Bounded.Check(Gen.Int[0, inputs.Count - 1], i => target.Run(inputs[i]), Math.Max(inputs.Count * 2, 50), i => Convert.ToHexString(inputs[i]));
        foreach (byte[] input in inputs)
        {
            target.Run(input); // every one at least once, whatever the sampling picked
        }
    }
}

/// <summary>Finds the repository's fuzz/corpus folder from the test's output folder.</summary>
internal static class Corpus
{
    public static string? Folder(string target)
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "fuzz", "corpus", target);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
