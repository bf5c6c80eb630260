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

        for (int i = 0; i < s_messages.Length; i++)
        {
            byte[] payload = await context.WithinAsync(server.ReceiveAsync(context.Timeout, context.CancellationToken).AsTask(), $"message {i + 1}");
            string text = ansi.GetString(payload);
            context.Say("server", $"receive {i + 1}: {DemoContext.Quote(text, payload.Length)}");
            DemoContext.Expect(text == s_messages[i], $"receive {i + 1} returned \"{ByteFormat.EscapeControls(text)}\" instead of \"{s_messages[i]}\"");
        }

        DemoContext.Expect(server.BufferedByteCount == 0, $"{server.BufferedByteCount} bytes left over after the messages");
        context.Say("check", $"{s_messages.Length} messages, in order, headers stripped, nothing left over");
    }
}
