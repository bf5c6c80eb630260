namespace WLSockets.Cli.Demo;

/// <summary>A demo check did not hold; the message is the reason printed after <c>FAIL name:</c>.</summary>
internal sealed class DemoFailedException : Exception
{
    public DemoFailedException(string message) : base(message) { }

    public DemoFailedException(string message, Exception innerException) : base(message, innerException) { }

    public DemoFailedException() : base("The demo check failed.") { }
}
