namespace WLSockets.Cli.Bench;

/// <summary>One line of the results: the medians of one cell over the rounds.</summary>
internal sealed record ResultRow
{
    public required string Scenario { get; init; }

    public required string System { get; init; }

    public required string Framing { get; init; }

    public int Connections { get; init; }

    public int MessageSize { get; init; }

    public int Samples { get; init; }

    public double MessagesPerSecond { get; init; }

    public double MegabytesPerSecond { get; init; }

    public double? P50Microseconds { get; init; }

    public double? P99Microseconds { get; init; }

    public double? P999Microseconds { get; init; }

    /// <summary>Median CPU time of this process per message (client and server together), microseconds.</summary>
    public double? CpuMicrosecondsPerMessage { get; init; }

    /// <summary>Median CPU use during the samples, in cores.</summary>
    public double? CpuCores { get; init; }

    /// <summary>Median bytes allocated by this process (client and server) per message.</summary>
    public double? AllocatedBytesPerMessage { get; init; }

    public double? BytesPerConnection { get; init; }

    public double? ManagedBytesPerConnection { get; init; }

    public int? Answered { get; init; }

    public string? Note { get; init; }

    public string Key => $"{Scenario}|{System}|{Framing}";
}
