using System.CommandLine;

namespace WLSockets.Cli.Infrastructure;

/// <summary>The <c>--hex</c>, <c>--echo</c> and <c>--count</c> options shared by every <c>listen</c> command.</summary>
/// <param name="item">What is received: "message" or "datagram".</param>
/// <param name="echoHow">How an echo goes back, e.g. "in the same framing".</param>
/// <param name="countScope">Whose items are counted, e.g. " in total from all clients", or "".</param>
internal sealed class ListenOutputOptions(string item, string echoHow, string countScope)
{
    /// <summary>The options of the TCP, TLS, Bluetooth and infrared servers.</summary>
    public static ListenOutputOptions ForMessages() => new("message", "in the same framing", " in total from all clients");

    public Option<bool> Hex { get; } = new("--hex", "-x")
    {
        Description = $"Print each {item} as lowercase hex (48656c6c6f) instead of decoded text.",
    };

    public Option<bool> Echo { get; } = new("--echo")
    {
        Description = $"Send each {item} back to its sender, {echoHow}.",
    };

    public Option<int?> Count { get; } = NumberArguments.AtLeast("--count", "-n", 1, "N",
        $"Exit (code 0) after N {item}s{countScope}, once the Nth is printed and echoed. Default: run until Ctrl+C.");

    public void AddTo(Command command)
    {
        command.Options.Add(Hex);
        command.Options.Add(Echo);
        command.Options.Add(Count);
    }
}
