namespace WLSockets.Cli.Bench;

/// <summary>What a bench server does with each message.</summary>
internal enum ServerRole
{
    /// <summary>Sends every message back.</summary>
    Echo,

    /// <summary>Reads and counts, sends nothing (bulk throughput, one direction as iperf3).</summary>
    Sink,
}
