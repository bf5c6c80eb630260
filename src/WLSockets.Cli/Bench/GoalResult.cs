namespace WLSockets.Cli.Bench;

/// <summary>One goal of issue 9 as a ratio.</summary>
internal sealed record GoalResult(string Name, string Measured, double? Ratio, string Limit, bool Held, string Detail);
