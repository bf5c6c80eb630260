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

        await context.ExpectMessagesAsync(server, s_messages, ansi);
        context.Say("check", "3 messages, in order, markers removed, nothing left over");
    }
}
