using WLSockets.Cli.Infrastructure;

namespace WLSockets.Cli.Demo.Cases;

/// <summary>
/// Two <see cref="DatagramSocket"/>s on 127.0.0.1 (WinDev <c>SocketCréeUDP</c>): three sends are three datagrams and
/// three receives, each exactly the bytes sent (no length prefix, no marker, even an empty one), with the sender's
/// address; the answer goes back to that address.
/// </summary>
internal sealed class UdpCase : IDemoCase
{
    private static readonly string[] s_messages = ["HelloWord", "", "Hello world"];

    public string Name => "udp";

    public string Title => "UDP (SocketCréeUDP): three sends are three datagrams, boundaries kept, the sender known";

    public async Task RunAsync(DemoContext context)
    {
        DatagramSocket a = context.Track(DatagramSocket.Bind("127.0.0.1", 0));
        DatagramSocket b = context.Track(DatagramSocket.Bind("127.0.0.1", 0));
        context.Say("A", $"DatagramSocket.Bind(\"127.0.0.1\", 0) -> {a.LocalEndPoint}");
        context.Say("B", $"DatagramSocket.Bind(\"127.0.0.1\", 0) -> {b.LocalEndPoint}");

        foreach (string message in s_messages)
        {
            await context.WithinAsync(a.SendAsync(message, b.LocalEndPoint, context.CancellationToken).AsTask(), "a send");
            context.Say("A", $"SendAsync({DemoContext.Quote(message, a.Encoding.GetByteCount(message))}, B)");
        }

        foreach (string expected in s_messages)
        {
            Datagram datagram = await context.WithinAsync(b.ReceiveAsync(context.Timeout, context.CancellationToken).AsTask(), "a datagram");
            string bytes = datagram.Length == 0 ? "no bytes" : ByteFormat.ToSpacedHex(datagram.Data);
            context.Say("B", $"ReceiveAsync: {ByteFormat.Count(datagram.Length)} from {datagram.Sender}: {bytes}");
            DemoContext.ExpectBytes(b.Encoding.GetBytes(expected), datagram.Data, "datagram");
            DemoContext.Expect(datagram.Sender.Equals(a.LocalEndPoint), $"the sender is {datagram.Sender}, not A ({a.LocalEndPoint})");
        }

        Datagram? extra = await TryReceiveAsync(b);
        DemoContext.Expect(extra is null, $"a fourth datagram arrived ({extra?.Length} bytes): datagrams were split");

        await context.WithinAsync(b.SendAsync("Reçu 3", a.LocalEndPoint, context.CancellationToken).AsTask(), "the answer");
        Datagram answer = await context.WithinAsync(a.ReceiveAsync(context.Timeout, context.CancellationToken).AsTask(), "the answer");
        context.Say("A", $"received {DemoContext.Quote(answer.GetString(), answer.Length)} from {answer.Sender}");
        DemoContext.Expect(answer.GetString() == "Reçu 3" && answer.Sender.Equals(b.LocalEndPoint), "the answer did not come back from B");
        context.Say("check", "3 sends = 3 receives of exactly the bytes sent (no length prefix, no marker); the sender is known");
    }

    /// <summary>A datagram already there, or null (a short look: nothing more is expected).</summary>
    private static async Task<Datagram?> TryReceiveAsync(DatagramSocket socket)
    {
        try
        {
            return await socket.ReceiveAsync(TimeSpan.FromMilliseconds(100));
        }
        catch (WLSocketException ex) when (ex.Error == WLSocketError.Timeout)
        {
            return null;
        }
    }
}
