namespace WLSockets.Cli.Bench;

/// <summary>What one timed run of one cell measured.</summary>
internal sealed record Sample
{
    public double Seconds { get; init; }

    public long Messages { get; init; }

    public long Bytes { get; init; }

    public double CpuSeconds { get; init; }

    /// <summary>Bytes allocated by the whole process (client and server) during the sample.</summary>
    public long? AllocatedBytes { get; init; }

    /// <summary>Round-trip times in nanoseconds; null when the scenario has none (bulk).</summary>
    public LatencyHistogram? Latency { get; init; }

    /// <summary>Connections scenario: bytes of memory per connection, and how many answered.</summary>
    public double? BytesPerConnection { get; init; }

    public long? ManagedBytesPerConnection { get; init; }

    public int? Answered { get; init; }

    public int? Connections { get; init; }

    /// <summary>External tools: the p50 or throughput they printed themselves.</summary>
    public double? ReportedP50Microseconds { get; init; }

    public string? Note { get; init; }

    public double MessagesPerSecond => Seconds > 0 ? Messages / Seconds : 0;

    public double MegabytesPerSecond => Seconds > 0 ? Bytes / Seconds / 1_000_000 : 0;
}
