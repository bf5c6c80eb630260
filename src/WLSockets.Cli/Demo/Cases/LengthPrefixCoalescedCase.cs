using System.Text;
using WLSockets.Cli.Infrastructure;
using WLSockets.Text;

namespace WLSockets.Cli.Demo.Cases;

/// <summary>Several length-prefixed messages (an empty one included) in one TCP write are delivered one by one.</summary>
internal sealed class LengthPrefixCoalescedCase : IDemoCase
{
    private static readonly string[] s_messages = ["one", "two", "three", "", "HelloWord"];

    public string Name => "length-coalesced";

    public string Title => "length prefix: five messages in ONE TCP write (an empty one too), delivered one by one";

    public async Task RunAsync(DemoContext context)
    {
        Encoding ansi = WinDevEncodings.Ansi;
        MessageListener listener = context.StartServer(TransmissionMode.SizePrefixed);
        Task<MessageConnection> accepted = context.AcceptAsync(listener);
        System.Net.Sockets.Socket socket = await context.ConnectRawAsync(listener.LocalEndPoint);
        MessageConnection server = await accepted;

        byte[] wire = ansi.GetBytes(string.Concat(s_messages.Select(m => $"{ansi.GetByteCount(m)}\r\n{m}")));
        context.Say("client", "raw Socket writes five length-prefixed messages in one send()");
        await context.WriteRawAsync(socket, wire);
        context.ShowWire(wire, "in one write");

        await context.ExpectMessagesAsync(server, s_messages, ansi);
        context.Say("check", $"{s_messages.Length} messages, in order, headers stripped, nothing left over");
    }
}
