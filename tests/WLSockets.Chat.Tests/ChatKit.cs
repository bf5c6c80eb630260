using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using WLSockets.Tests;
using WLSockets.Tests.Fakes;
using WLSockets.Text;

namespace WLSockets.Chat.Tests;

/// <summary>A chat server on 127.0.0.1, a free port, that records its notices; disposing stops it.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private TestServer(ChatServer server, ConcurrentQueue<ChatNotice> notices)
    {
        Server = server;
        Notices = notices;
    }

    public ChatServer Server { get; }

    public ConcurrentQueue<ChatNotice> Notices { get; }

    public int Port => Server.LocalEndPoint.Port;

    public System.Net.IPEndPoint EndPoint => Server.LocalEndPoint;

    public static TestServer Start(Action<ChatServerOptions>? configure = null)
    {
        var notices = new ConcurrentQueue<ChatNotice>();
        var options = new ChatServerOptions { Bind = "127.0.0.1", Port = 0, Notice = notices.Enqueue };
        configure?.Invoke(options);
        return new TestServer(ChatServer.Start(options), notices);
    }

    /// <summary>All notices so far, one per line, for assertion messages.</summary>
    public string Log => string.Join('\n', Notices.Select(n => $"{n.Level}: {n.Text}"));

    public async Task WaitForClientsAsync(int count) =>
        await ChatKit.UntilAsync(() => Server.ClientCount == count, $"the server to have {count} client(s) (it has {Server.ClientCount}); log:\n{Log}");

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>The WinDev side of the wire, written by hand: framing and waits.</summary>
internal static class ChatKit
{
    public static Encoding Ansi => WinDevEncodings.Ansi;

    /// <summary>WinDev's default framing: the byte count in ASCII decimal, CR LF, the bytes.</summary>
    public static byte[] Frame(byte[] payload) => [.. Encoding.ASCII.GetBytes(payload.Length.ToString(CultureInfo.InvariantCulture) + "\r\n"), .. payload];

    public static byte[] Frame(string text) => Frame(Ansi.GetBytes(text));

    /// <summary>Reads one length-prefixed message the way a WinDev peer does (header of at most 20 digits).</summary>
    public static async Task<byte[]> ReadFrameAsync(RawPeer peer)
    {
        var header = new StringBuilder();
        while (true)
        {
            byte b = (await peer.ReadExactlyAsync(1))[0];
            if (b == '\r')
            {
                Assert.Equal((byte)'\n', (await peer.ReadExactlyAsync(1))[0]);
                break;
            }

            Assert.True(char.IsAsciiDigit((char)b) && header.Length < 20, $"bad length header byte 0x{b:X2} after \"{header}\"");
            header.Append((char)b);
        }

        int length = int.Parse(header.ToString(), CultureInfo.InvariantCulture);
        return length == 0 ? [] : await peer.ReadExactlyAsync(length);
    }

    /// <summary>Waits until <paramref name="condition"/> holds, within <see cref="Loopback.Deadline"/>, re-checking every few milliseconds.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Loopback.Ct);
        timeout.CancelAfter(Loopback.Deadline);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        while (!condition())
        {
            try
            {
                await tick.WaitForNextTickAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"timed out after {Loopback.Deadline.TotalSeconds:0} s waiting for {what}");
            }
        }
    }

    /// <summary>Receives <paramref name="count"/> messages on <paramref name="client"/> (texts only).</summary>
    public static async Task<List<string>> ReceiveTextsAsync(ChatClient client, int count)
    {
        var texts = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            texts.Add((await client.ReceiveAsync(Loopback.Ct).Within()).Text);
        }

        return texts;
    }
}
