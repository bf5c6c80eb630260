using System.Net.Sockets;
using System.Text;
using WLSockets.Chat;
using WLSockets.Chat.Rtf;
using WLSockets.Text;

namespace WLSockets.Cli.Demo.Cases;

/// <summary>
/// A round of the WinDev chat example: a server, a WinDev-style client writing raw bytes, and two chat clients (one
/// sending RTF as the WinDev client does); everyone gets every message once, in the same order; BYE leaves.
/// </summary>
internal sealed class ChatRoundCase : IDemoCase
{
    public string Name => "chat";

    public string Title => "the WinDev chat example: every message to every client, the sender included; RTF shown as text; BYE leaves";

    public async Task RunAsync(DemoContext context)
    {
        ChatServer server = ChatServer.Start(new ChatServerOptions { Bind = "127.0.0.1", Port = 0 });
        context.Track(server);
        context.Say("server", $"chat server on {server.LocalEndPoint}");
        ChatClient alice = context.Track(await context.WithinAsync(ChatClient.ConnectAsync("127.0.0.1", server.LocalEndPoint.Port, "Alice", rtf: false, context.CancellationToken), "Alice to connect"));
        ChatClient bob = context.Track(await context.WithinAsync(ChatClient.ConnectAsync("127.0.0.1", server.LocalEndPoint.Port, "Bob", rtf: true, context.CancellationToken), "Bob to connect"));
        Socket luc = await context.ConnectRawAsync(server.LocalEndPoint);
        await WaitAsync(context, () => server.ClientCount == 3, "the three clients to be in the server's table");

        byte[] lucMessage = WinDevEncodings.Ansi.GetBytes("Luc : salut à tous");
        byte[] frame = [.. Encoding.ASCII.GetBytes($"{lucMessage.Length}\r\n"), .. lucMessage];
        context.Say("Luc", "a WinDev client (raw socket) writes its message:");
        await context.WriteRawAsync(luc, frame);
        context.ShowWire(frame, "in one write");
        await WaitAsync(context, () => server.MessagesReceived == 1, "the server to receive Luc's message");
        await context.WithinAsync(alice.SendAsync("bonjour", context.CancellationToken).AsTask(), "Alice's send");
        await WaitAsync(context, () => server.MessagesReceived == 2, "the server to receive Alice's message");
        await context.WithinAsync(bob.SendAsync("ça va ?", context.CancellationToken).AsTask(), "Bob's send");
        context.Say("Bob", $"sends RTF as the WinDev client: {RtfMessage.Build("Bob", "ça va ?").Length} bytes starting {{\\rtf1\\ansi\\ansicpg1252...");

        string[] expected = ["Luc : salut à tous", "Alice : bonjour", "Bob : ça va ?"];
        foreach ((string who, ChatClient client) in new[] { ("Alice", alice), ("Bob", bob) })
        {
            var got = new List<string>();
            for (int i = 0; i < expected.Length; i++)
            {
                ChatLine line = await context.WithinAsync(client.ReceiveAsync(context.CancellationToken).AsTask(), $"message {i + 1} for {who}");
                got.Add(line.Text);
                context.Say(who, $"receives {DemoContext.Quote(line.Text, line.Raw.Length)}{(line.WasRtf ? " (RTF, shown as text)" : "")}");
            }

            DemoContext.Expect(got.SequenceEqual(expected), $"{who} received [{string.Join(" | ", got)}] instead of the three messages in arrival order");
        }

        byte[] echoed = new byte[frame.Length];
        await context.WithinAsync(luc.ReceiveAsync(echoed, SocketFlags.None, context.CancellationToken).AsTask(), "Luc's echo");
        DemoContext.ExpectBytes(frame, echoed.AsSpan(0, frame.Length), "the echo of Luc's own message");
        context.Say("Luc", "gets its own message back byte for byte (the sender is included)");

        byte[] bye = "3\r\nBYE"u8.ToArray();
        await context.WriteRawAsync(luc, bye);
        context.ShowWire(bye, "as Luc leaves (BYE)");
        await WaitAsync(context, () => server.ClientCount == 2, "the server to close Luc after BYE");
        context.Say("check", "every client got every message once, in one order; BYE removed Luc from the table");
    }

    private static async Task WaitAsync(DemoContext context, Func<bool> condition, string what)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            DemoContext.Expect(clock.Elapsed < context.Timeout, $"timed out after {context.Timeout.TotalSeconds:0} s waiting for {what}");
            await tick.WaitForNextTickAsync(context.CancellationToken);
        }
    }
}
