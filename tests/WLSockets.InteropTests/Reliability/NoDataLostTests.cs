using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.InteropTests.Reliability;

/// <summary>
/// Close right after the last write delivers everything written, on every transport (TCP, TLS, SOCKS5 in each framing
/// mode, UDP, WebSocket): the graceful close sends end of stream after the last byte and lingers (bounded) for the
/// peer's end instead of resetting. (Bluetooth RFCOMM shares the TCP close path; this machine has no AF_BLUETOOTH.)
/// </summary>
public class NoDataLostTests
{
    public static TheoryData<string> Transports => [.. Links.All];

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Transports))]
    public async Task Closing_right_after_the_last_write_delivers_every_message(string transport)
    {
        await using var links = new Links { Echo = false };
        var random = new Random(7);
        int count = transport == "udp" ? 100 : 300; // UDP: within the receiver's socket buffer (nothing to flush, nothing retransmitted)
        int maxLength = transport == "udp" ? 1000 : 3000;
        byte[][] messages = [.. Enumerable.Range(0, count).Select(i => Records.Make(i, random.Next(1, maxLength), random))];

        ILink link = await links.ConnectAsync(transport, Tools.Token);
        await using (link)
        {
            foreach (byte[] message in messages)
            {
                await link.SendAsync(message, Tools.Token);
            }

            await link.CloseAsync().WaitAsync(Tools.Timeout, Tools.Token); // at once: no wait for the server to catch up
        }

        Func<IReadOnlyCollection<byte[]>> received = transport == "websocket" ? () => links.WebSocketSunk : () => Snapshot(links);
        long expectedBytes = messages.Sum(m => (long)m.Length);
        Assert.True(SpinWait.SpinUntil(() => received().Sum(m => (long)m.Length) >= expectedBytes, Tools.Timeout),
            $"{transport}: {received().Sum(m => (long)m.Length):N0} of {expectedBytes:N0} bytes arrived");
        byte[][] got = [.. received()];
        Assert.Equal(Convert.ToHexString([.. messages.SelectMany(m => m)]), Convert.ToHexString([.. got.SelectMany(m => m)]));
        if (!transport.EndsWith("/raw", StringComparison.Ordinal))
        {
            Assert.Equal(messages.Length, got.Length);
        }
    }

    private static byte[][] Snapshot(Links links)
    {
        lock (links.Recorded)
        {
            return links.Recorded.Values.SelectMany(list =>
            {
                lock (list)
                {
                    return list.ToArray();
                }
            }).ToArray();
        }
    }
}
