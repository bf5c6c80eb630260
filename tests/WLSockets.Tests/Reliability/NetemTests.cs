using System.Security.Cryptography;
using WLSockets.Tests.Udp.Peers;

namespace WLSockets.Tests.Reliability;

/// <summary>
/// A broken network: latency, jitter, loss and reordering injected by <c>tc netem</c> on the veth pair of a private
/// network namespace (<see cref="NetNamespace"/>: nothing leaves this machine). TCP repairs it all: framed messages
/// arrive intact and in order, both ways, in every framing mode.
/// </summary>
public class NetemTests
{
    public static TheoryData<TransmissionMode> Modes => [TransmissionMode.SizePrefixed, TransmissionMode.EndTag, TransmissionMode.EndTagBuffer];

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Modes))]
    public async Task Framed_messages_arrive_intact_and_in_order_through_delay_loss_and_reordering(TransmissionMode mode)
    {
        using NetNamespace ns = NetNamespace.CreateOrSkip();
        string ip = Tools.Find("ip") ?? "/usr/sbin/ip";
        string? tc = Tools.Find("tc") ?? (File.Exists("/usr/sbin/tc") ? "/usr/sbin/tc" : null);
        if (tc is null)
        {
            Assert.Skip("the 'tc' command (iproute2) is not installed, so no delay, loss or reordering can be injected");
        }

        foreach (string device in (string[])["wla", "wlb"])
        {
            (int exit, _, string error) = Tools.Run(ip, "netns", "exec", ns.Name, tc, "qdisc", "add", "dev", device, "root", "netem",
                "delay", "10ms", "5ms", "loss", "3%", "reorder", "25%", "50%");
            if (exit != 0)
            {
                Assert.Skip($"tc netem is not available in this kernel ({error.Trim()}): the sch_netem module is missing or cannot be loaded here");
            }
        }

        var options = new MessageConnectionOptions { Mode = mode, ConnectTimeout = TimeSpan.FromSeconds(30), SendTimeout = TimeSpan.FromSeconds(60) };
        await using MessageListener listener = ns.Run(() => MessageListener.Start(NetNamespace.ReceiverAddress, 0, options));
        Task<MessageConnection> accept = listener.AcceptAsync(Loopback.Ct).AsTask();
        await using MessageConnection client = ns.Run(() => MessageConnection.Connect(NetNamespace.ReceiverAddress, listener.LocalEndPoint.Port, options));
        await using MessageConnection server = await accept.Within();

        // Messages of 1 byte to 48 KiB (many segments each, so loss and reordering hit their middles), letters only so
        // that no marker appears inside, each carrying its number.
        var random = new Random(20261125);
        string[] messages = [.. Enumerable.Range(0, 150).Select(i => $"#{i:D5}:" + new string((char)('a' + (i % 26)), random.Next(0, 48 * 1024)))];
        Task echo = Task.Run(async () =>
        {
            foreach (string _ in messages)
            {
                await server.SendAsync(await server.ReceiveAsync(TimeSpan.FromSeconds(60), Loopback.Ct), Loopback.Ct);
            }
        }, Loopback.Ct);
        Task send = Task.Run(async () =>
        {
            foreach (string message in messages)
            {
                await client.SendAsync(message, Loopback.Ct);
            }
        }, Loopback.Ct);

        foreach (string expected in messages)
        {
            string echoed = await client.ReceiveStringAsync(TimeSpan.FromSeconds(60), Loopback.Ct);
            Assert.True(expected == echoed, $"expected message {expected[..7]} ({expected.Length} chars, SHA-256 {Hash(expected)}), received {echoed[..Math.Min(7, echoed.Length)]} ({echoed.Length} chars, {Hash(echoed)})");
        }

        await Task.WhenAll(send, echo).WaitAsync(TimeSpan.FromSeconds(60), Loopback.Ct);
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.Latin1.GetBytes(text)))[..12];
}
