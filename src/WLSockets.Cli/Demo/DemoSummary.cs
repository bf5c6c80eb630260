namespace WLSockets.Cli.Demo;

/// <summary>How many demo cases passed and failed.</summary>
internal readonly record struct DemoSummary(int Passed, int Failed);
