using System.Diagnostics;
using WLSockets.Tests.Fakes;

namespace WLSockets.Tests;

/// <summary>A peer that never reads: sends block on the OS buffers and fail after SendTimeout; nothing queues unboundedly.</summary>
public class BackPressureTests
{
    [Theory(Timeout = 90_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sending_to_a_peer_that_never_reads_times_out_and_memory_stays_bounded(bool sync)
    {
        using RawPair pair = await RawPair.StartAsync(new MessageConnectionOptions { SendTimeout = TimeSpan.FromMilliseconds(500) });
        byte[] message = new byte[1024 * 1024];
        long handedToTheOs = 0;
        WLSocketException? error = null;
        var watch = Stopwatch.StartNew();

        // Bounded in count (512 MiB at most) and time: the OS buffers hold a few MiB, so the loop ends long before.
        for (int i = 0; i < 512 && watch.Elapsed < TimeSpan.FromSeconds(45); i++)
        {
            try
            {
                if (sync)
                {
                    await Loopback.OnThread(() => pair.Connection.Send(message)).Within();
                }
                else
                {
                    await pair.Connection.SendAsync(message, Loopback.Ct).Within();
                }

                handedToTheOs += message.Length;
            }
            catch (WLSocketException ex)
            {
                error = ex;
                break;
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{handedToTheOs:N0} bytes taken by the OS before the send timed out after {watch.Elapsed}.");
        Assert.True(error is not null, $"{handedToTheOs:N0} bytes were accepted in {watch.Elapsed} without the send ever timing out: something queues without bound");
        Assert.Equal(WLSocketError.Timeout, error.Error);
        // A send completes only once the OS took the bytes: what was "sent" is what the socket buffers absorbed.
        Assert.InRange(handedToTheOs, 0, 128L * 1024 * 1024);

        // Part of a frame may be on the wire, so the connection was reset: later sends fail instead of corrupting.
        var after = await Assert.ThrowsAsync<WLSocketException>(() => pair.Connection.SendAsync(message, Loopback.Ct).AsTask()).Within();
        Assert.Equal(WLSocketError.ConnectionReset, after.Error);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_slow_reader_slows_the_writer_without_losing_anything()
    {
        // The peer reads only after the writer has blocked: every byte written still arrives in order.
        await using Pair pair = await Loopback.PairAsync(new MessageConnectionOptions { SendTimeout = TimeSpan.FromSeconds(30) });
        const int count = 64;
        byte[] payload = RoundTripTests.RandomPayload(256 * 1024, seed: 5); // 16 MiB in all, more than the OS buffers
        Task writer = Task.Run(async () =>
        {
            for (int i = 0; i < count; i++)
            {
                payload[0] = (byte)i;
                await pair.Client.SendAsync(payload.ToArray(), Loopback.Ct);
            }
        }, Loopback.Ct);

        for (int i = 0; i < count; i++)
        {
            byte[] message = await pair.Server.ReceiveAsync(Loopback.Ct).Within();
            Assert.Equal(payload.Length, message.Length);
            Assert.Equal((byte)i, message[0]);
            Assert.True(payload.AsSpan(1).SequenceEqual(message.AsSpan(1)), $"message {i} differs");
        }

        await writer.Within();
    }
}
