using System.Collections.Concurrent;
using System.Text;

namespace WLSockets.Tests;

/// <summary>
/// Full duplex and concurrent senders (G5): one receive and one send overlap; frames from several senders never
/// interleave.
/// </summary>
public class ConcurrencyTests
{
    [Theory(Timeout = 60_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task One_thread_sends_while_another_receives_on_the_same_connection(bool sync)
    {
        const int count = 2000;
        await using Pair pair = await Loopback.PairAsync();

        // The server echoes every message.
        Task echo = Task.Run(async () =>
        {
            for (int i = 0; i < count; i++)
            {
                await pair.Server.SendAsync(await pair.Server.ReceiveAsync(Loopback.Ct), Loopback.Ct);
            }
        }, Loopback.Ct);

        Task send;
        Task<List<string>> receive;
        if (sync)
        {
            send = Loopback.OnThread(() =>
            {
                for (int i = 0; i < count; i++)
                {
                    pair.Client.Send(Message(i));
                }
            });
            receive = Loopback.OnThread(() => Enumerable.Range(0, count).Select(_ => pair.Client.ReceiveString(Loopback.Deadline)).ToList());
        }
        else
        {
            send = Task.Run(async () =>
            {
                for (int i = 0; i < count; i++)
                {
                    await pair.Client.SendAsync(Message(i), Loopback.Ct);
                }
            }, Loopback.Ct);
            receive = Task.Run(async () =>
            {
                var received = new List<string>();
                for (int i = 0; i < count; i++)
                {
                    received.Add(await pair.Client.ReceiveStringAsync(Loopback.Ct));
                }

                return received;
            }, Loopback.Ct);
        }

        List<string> back = await receive.Within();
        await send.Within();
        await echo.Within();
        Assert.Equal(Enumerable.Range(0, count).Select(Message), back);

        static string Message(int i) => $"message {i} " + new string((char)('a' + (i % 26)), i % 1500);
    }

    [Theory(Timeout = 90_000)]
    [InlineData(TransmissionMode.SizePrefixed)]
    [InlineData(TransmissionMode.EndTagBuffer)]
    public async Task Frames_from_several_senders_never_interleave(TransmissionMode mode)
    {
        const int senders = 4;
        const int perSender = 150;
        await using Pair pair = await Loopback.PairAsync(new MessageConnectionOptions { Mode = mode });

        // Two senders await, two block; every tenth message is larger than the 64 KiB the writer copies into one
        // buffer, so header, payload and marker go out in separate socket sends and must still stay together.
        Task[] sending = Enumerable.Range(0, senders).Select(s => s % 2 == 0
            ? Task.Run(async () =>
            {
                for (int seq = 0; seq < perSender; seq++)
                {
                    await pair.Client.SendAsync(Payload(s, seq), Loopback.Ct);
                }
            }, Loopback.Ct)
            : Loopback.OnThread(() =>
            {
                for (int seq = 0; seq < perSender; seq++)
                {
                    pair.Client.Send(Payload(s, seq));
                }
            })).ToArray();

        var nextSeq = new ConcurrentDictionary<int, int>();
        for (int n = 0; n < senders * perSender; n++)
        {
            byte[] message = await pair.Server.ReceiveAsync(Loopback.Ct).Within();
            string head = Encoding.ASCII.GetString(message, 0, Math.Min(message.Length, 16));
            string[] parts = head.Split(':');
            int s = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
            int seq = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Payload(s, seq).AsSpan().SequenceEqual(message), $"message {n} (sender {s}, #{seq}, {message.Length} bytes) is not intact");
            Assert.Equal(nextSeq.GetOrAdd(s, 0), seq); // each sender's messages arrive in its order
            nextSeq[s] = seq + 1;
        }

        await Task.WhenAll(sending).Within();
        Assert.All(Enumerable.Range(0, senders), s => Assert.Equal(perSender, nextSeq[s]));
    }

    [Fact(Timeout = 30_000)]
    public async Task Concurrent_receives_are_served_one_after_the_other()
    {
        await using Pair pair = await Loopback.PairAsync();
        Task<string> first = pair.Client.ReceiveStringAsync(Loopback.Ct).AsTask();
        Task<string> second = Loopback.OnThread(() => pair.Client.ReceiveString(Loopback.Deadline));
        await pair.Server.SendAsync("a", Loopback.Ct).Within();
        await pair.Server.SendAsync("b", Loopback.Ct).Within();
        string[] both = await Task.WhenAll(first, second).Within();
        Assert.Equal(["a", "b"], both.Order());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_receive_waiting_behind_another_times_out_within_its_own_timeout()
    {
        await using Pair pair = await Loopback.PairAsync();
        Task<string> first = pair.Client.ReceiveStringAsync(Loopback.Ct).AsTask();
        Assert.False(first.IsCompleted);
        var error = await Assert.ThrowsAsync<WLSocketException>(() => pair.Client.ReceiveAsync(TimeSpan.FromMilliseconds(200), Loopback.Ct).AsTask()).Within();
        Assert.Equal(WLSocketError.Timeout, error.Error);
        await pair.Server.SendAsync("for the first", Loopback.Ct).Within();
        Assert.Equal("for the first", await first.Within());
    }

    /// <summary>ASCII letters only (never the marker), self-describing: "sender:seq:" then a pattern of its own.</summary>
    private static byte[] Payload(int sender, int seq)
    {
        int length = seq % 10 == 0 ? 100_000 + seq : 16 + (seq * 37 % 2000);
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++)
        {
            payload[i] = (byte)('a' + ((sender * 7) + seq + i) % 26);
        }

        byte[] head = Encoding.ASCII.GetBytes($"{sender}:{seq}:");
        head.CopyTo(payload, 0);
        return payload;
    }
}
