using System.Text;
using WLSockets.Cli.Infrastructure;
using WLSockets.Framing;
using WLSockets.Text;

namespace WLSockets.Cli.Demo.Cases;

/// <summary>SocketMarqueurFinBuffer: three messages arriving in one TCP write are delivered one per receive.</summary>
internal sealed class EndTagBufferOneWriteCase : IDemoCase
{
    private static readonly string[] s_messages = ["one", "two", "three"];

    public string Name => "endtag-buffer-one-write";

    public string Title => "endtag-buffer (SocketMarqueurFinBuffer): three messages in ONE TCP write, received one by one";

    public async Task RunAsync(DemoContext context)
    {
        Encoding ansi = WinDevEncodings.Ansi;
        MessageListener listener = context.StartServer(TransmissionMode.EndTagBuffer);
        Task<MessageConnection> accepted = context.AcceptAsync(listener);
        System.Net.Sockets.Socket socket = await context.ConnectRawAsync(listener.LocalEndPoint);
        MessageConnection server = await accepted;

        byte[] wire = ansi.GetBytes(string.Concat(s_messages.Select(m => m + Markers.DefaultText)));
        context.Say("client", $"raw Socket writes \"{ansi.GetString(wire)}\" in one send()");
        await context.WriteRawAsync(socket, wire);
        context.ShowWire(wire, "in one write");

        for (int i = 0; i < s_messages.Length; i++)
        {
            byte[] payload = await context.WithinAsync(server.ReceiveAsync(context.Timeout, context.CancellationToken).AsTask(), $"message {i + 1}");
            string text = ansi.GetString(payload);
            context.Say("server", $"receive {i + 1}: {DemoContext.Quote(text, payload.Length)}");
            DemoContext.Expect(text == s_messages[i], $"receive {i + 1} returned \"{ByteFormat.EscapeControls(text)}\" instead of \"{s_messages[i]}\"");
        }

        DemoContext.Expect(server.BufferedByteCount == 0, $"{server.BufferedByteCount} bytes left over after the three messages");
        context.Say("check", "3 messages, in order, markers removed, nothing left over");
    }
}
