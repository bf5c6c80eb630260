namespace WLSockets.Cli.Bench;

/// <summary>
/// A log-bucket latency histogram (HdrHistogram-style, 2 significant digits): values in nanoseconds, constant memory,
/// percentiles within about 1.5 %. Not thread-safe: one recorder per connection, merged at the end.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBuckets = 64; // per power of two: 1/64 = 1.6 % resolution
    private const int Powers = 40;     // up to 2^40 ns, about 18 minutes
    private readonly long[] _counts = new long[Powers * SubBuckets];

    public long Count { get; private set; }

    public void Record(long nanoseconds)
    {
        _counts[Index(Math.Max(1L, nanoseconds))]++;
        Count++;
    }

    public void Add(LatencyHistogram other)
    {
        for (int i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
    }

    /// <summary>The value below which <paramref name="percentile"/> % of the recorded values fall, in nanoseconds (0 when empty).</summary>
    public double Percentile(double percentile)
    {
        if (Count == 0)
        {
            return 0;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * Count));
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Middle(i);
            }
        }

        return Middle(_counts.Length - 1);
    }

    private static int Index(long value)
    {
        int power = 63 - (int)long.LeadingZeroCount(value); // floor(log2)
        if (power < 6)
        {
            return (int)value; // exact below 64 ns
        }

        int sub = (int)((value >> (power - 6)) & (SubBuckets - 1));
        int index = ((power - 5) * SubBuckets) + sub;
        return Math.Min(index, (Powers * SubBuckets) - 1);
    }

    private static double Middle(int index)
    {
        if (index < SubBuckets)
        {
            return index;
        }

        int power = (index / SubBuckets) + 5;
        int sub = index % SubBuckets;
        double low = (double)(SubBuckets + sub) * Math.Pow(2, power - 6);
        double width = Math.Pow(2, power - 6);
        return low + (width / 2);
    }
}
