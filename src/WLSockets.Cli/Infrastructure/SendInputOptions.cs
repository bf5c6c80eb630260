using System.CommandLine;

namespace WLSockets.Cli.Infrastructure;

/// <summary>The <c>MESSAGE...</c> argument and the <c>--reply</c> and <c>--hex</c> options shared by the stream <c>send</c> commands (TCP/TLS, Bluetooth, infrared).</summary>
internal sealed class SendInputOptions
{
    public Argument<string[]> Messages { get; } = new("MESSAGE")
    {
        Description = "Messages to send, one message each. None: each line of stdin is one message.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<bool> Reply { get; } = new("--reply", "-r")
    {
        Description = "After each message, wait for one reply and print it on its own stdout line.",
    };

    public Option<bool> Hex { get; } = new("--hex", "-x")
    {
        Description = "Messages (arguments or stdin lines) are hex to send as bytes; replies are printed as lowercase hex.",
    };

    /// <summary>Adds the messages argument, then <paramref name="framing"/>'s options, then --reply and --hex (the order help shows).</summary>
    public void AddTo(Command command, FramingOptions framing)
    {
        command.Arguments.Add(Messages);
        framing.AddTo(command);
        command.Options.Add(Reply);
        command.Options.Add(Hex);
    }
}
