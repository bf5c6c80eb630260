using System.Globalization;
using System.Net;
using System.Text;
using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.InteropTests;

/// <summary>
/// <c>wlsock udp listen</c> and <c>wlsock udp send</c> with the Python stdlib UDP peer (peers/udp_peer.py) and socat:
/// one message is one datagram, boundaries and bytes exact, the sender known.
/// </summary>
public sealed class CliUdpTests
{
    /// <summary>Datagrams that would merge or split if boundaries were not kept: an empty one, binary, CR LF, a large one.</summary>
    private static readonly byte[][] s_datagrams =
    [
        Wire.Ansi("HelloWord"),
        [],
        [0x00, 0x0D, 0x0A, 0xFF, 0x3C, 0x45, 0x4F, 0x46, 0x3E],
        Wire.Pattern(60_000, 5),
        Wire.Ansi("Café"),
    ];

    [Fact(Timeout = 60_000)]
    public async Task Udp_listen_prints_each_python_datagram_as_one_hex_line_with_its_sender()
    {
        (PeerProcess wlsock, int port) = await Wlsock.UdpListenAsync("--hex", "--verbose", "--count", Count(s_datagrams));
        await using (wlsock)
        {
            await using PythonPeer sender = PythonPeer.StartUdpSender(port, s_datagrams);
            Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 0, wlsock.Describe());
            Assert.Equal(CliListenTests.HexLines(s_datagrams), Encoding.ASCII.GetString(wlsock.StandardOutputBytes));

            Assert.True(await sender.Process.WaitForExitAsync(Tools.Timeout) == 0, sender.Process.Describe());
            string local = sender.Process.StandardOutputLines.Single(l => l.StartsWith("LOCAL ", StringComparison.Ordinal))[6..];
            string[] from = [.. wlsock.StandardErrorLines.Where(l => l.StartsWith("wlsock: from ", StringComparison.Ordinal))];
            Assert.Equal(s_datagrams.Select(d => $"wlsock: from 127.0.0.1:{local} ({d.Length.ToString("N0", CultureInfo.InvariantCulture)} {(d.Length == 1 ? "byte" : "bytes")})"), from);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Udp_listen_prints_text_datagrams_sent_by_socat()
    {
        string socat = Tools.Socat;
        (PeerProcess wlsock, int port) = await Wlsock.UdpListenAsync("--count", "2");
        await using (wlsock)
        {
            foreach (string text in new[] { "HelloWord", "Hello world" })
            {
                // socat reads its stdin (one block, without a newline) and sends it as one datagram.
                await using PeerProcess sender = PeerProcess.Start(socat, ["-u", "-", $"UDP-SENDTO:127.0.0.1:{port}"]);
                await sender.WriteInputAndCloseAsync(Encoding.ASCII.GetBytes(text), Tools.Timeout);
                Assert.True(await sender.WaitForExitAsync(Tools.Timeout) == 0, sender.Describe());
                await wlsock.WaitForOutputLineAsync(l => l == text, Tools.Timeout, $"the datagram \"{text}\"");
            }

            Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 0, wlsock.Describe());
            Assert.Equal("HelloWord\nHello world\n", Encoding.ASCII.GetString(wlsock.StandardOutputBytes));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Udp_listen_echo_sends_each_datagram_back_to_the_python_sender()
    {
        (PeerProcess wlsock, int port) = await Wlsock.UdpListenAsync("--echo", "--hex", "--count", Count(s_datagrams));
        await using (wlsock)
        {
            await using PythonPeer sender = PythonPeer.StartUdpSender(port, s_datagrams, replies: true);
            Assert.True(await sender.Process.WaitForExitAsync(Tools.Timeout) == 0, sender.Process.Describe());
            Assert.Equal(s_datagrams.Select(d => ("127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture), Wire.Hex(d))), sender.Datagrams("REPLY"));
            Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 0, wlsock.Describe());
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Udp_send_reply_prints_what_a_python_echo_peer_returns()
    {
        string[] messages = ["HelloWord", "Café", "", "Hello world"];
        await using PythonPeer peer = await PythonPeer.StartUdpListenerAsync(messages.Length, echo: true);
        await using PeerProcess wlsock = await Wlsock.RunAsync(["udp", "send", "127.0.0.1", Port(peer.Port), "--reply", "--verbose", .. messages]);
        Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 0, wlsock.Describe());
        Assert.Equal(string.Concat(messages.Select(m => m + "\n")), Encoding.UTF8.GetString(wlsock.StandardOutputBytes));

        Assert.True(await peer.Process.WaitForExitAsync(Tools.Timeout) == 0, peer.Process.Describe());
        IReadOnlyList<(string Sender, string Hex)> received = peer.Datagrams("DGRAM");
        Assert.Equal(messages.Select(m => Wire.Hex(Wire.Ansi(m))), received.Select(d => d.Hex)); // ANSI: "Café" is 43 61 66 e9
        Assert.Single(received.Select(d => d.Sender).Distinct()); // all from one socket
        Assert.Equal(messages.Length, wlsock.StandardErrorLines.Count(l => l.StartsWith($"wlsock: reply from 127.0.0.1:{peer.Port} ", StringComparison.Ordinal)));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("48656c6c6f576f7264", "HelloWord")]
    [InlineData("00ff0d0a", "--hex", "00ff0d0a")]
    [InlineData("48006900", "--encoding", "utf16", "Hi")]
    [InlineData("636166c3a9", "--encoding", "utf8", "café")]
    public async Task Udp_send_puts_exactly_the_message_bytes_in_one_datagram(string expectedHex, params string[] arguments)
    {
        await using PythonPeer peer = await PythonPeer.StartUdpListenerAsync(1);
        await using PeerProcess wlsock = await Wlsock.RunAsync(["udp", "send", "127.0.0.1", Port(peer.Port), .. arguments]);
        Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 0, wlsock.Describe());
        Assert.True(await peer.Process.WaitForExitAsync(Tools.Timeout) == 0, peer.Process.Describe());
        Assert.Equal(expectedHex, Assert.Single(peer.Datagrams("DGRAM")).Hex);
    }

    [Fact(Timeout = 60_000)]
    public async Task Udp_send_sends_each_stdin_line_as_one_datagram()
    {
        await using PythonPeer peer = await PythonPeer.StartUdpListenerAsync(3);
        await using PeerProcess wlsock = await Wlsock.RunAsync(["udp", "send", "127.0.0.1", Port(peer.Port)], Encoding.ASCII.GetBytes("one\r\ntwo\n\n"));
        Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 0, wlsock.Describe());
        Assert.True(await peer.Process.WaitForExitAsync(Tools.Timeout) == 0, peer.Process.Describe());
        Assert.Equal(["6f6e65", "74776f", ""], peer.Datagrams("DGRAM").Select(d => d.Hex));
    }

    [Fact(Timeout = 60_000)]
    public async Task Udp_send_reply_without_an_answer_exits_1_with_one_line()
    {
        await using PythonPeer peer = await PythonPeer.StartUdpListenerAsync(1); // receives, never answers
        await using PeerProcess wlsock = await Wlsock.RunAsync(["udp", "send", "127.0.0.1", Port(peer.Port), "--reply", "--timeout", "500", "HelloWord"]);
        Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 1, wlsock.Describe());
        string line = Assert.Single(wlsock.StandardErrorLines);
        Assert.StartsWith("wlsock: error: No reply datagram within 500 ms", line, StringComparison.Ordinal);
        Assert.Empty(wlsock.StandardOutputBytes);
    }

    [Fact(Timeout = 60_000)]
    public async Task Udp_listen_echo_and_udp_send_reply_round_trip()
    {
        string[] messages = ["HelloWord", "", "Hello world"];
        (PeerProcess listen, int port) = await Wlsock.UdpListenAsync("--echo", "--count", Count(messages));
        await using (listen)
        {
            await using PeerProcess send = await Wlsock.RunAsync(["udp", "send", "127.0.0.1", Port(port), "--reply", .. messages]);
            string expected = string.Concat(messages.Select(m => m + "\n"));
            Assert.True(await send.WaitForExitAsync(Tools.Timeout) == 0, send.Describe());
            Assert.Equal(expected, Encoding.ASCII.GetString(send.StandardOutputBytes));
            Assert.True(await listen.WaitForExitAsync(Tools.Timeout) == 0, listen.Describe());
            Assert.Equal(expected, Encoding.ASCII.GetString(listen.StandardOutputBytes));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Udp_listen_on_a_port_held_by_another_socket_exits_1_with_one_line()
    {
        using DatagramSocket holder = DatagramSocket.Bind("127.0.0.1", 0, exclusiveAddress: true);
        await using PeerProcess wlsock = await Wlsock.RunAsync(["udp", "listen", Port(holder.LocalEndPoint.Port), "--bind", "127.0.0.1"]);
        Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 1, wlsock.Describe());
        Assert.StartsWith("wlsock: error: ", Assert.Single(wlsock.StandardErrorLines), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Udp_listen_ipv6_loopback_receives_from_udp_send()
    {
        Assert.SkipUnless(System.Net.Sockets.Socket.OSSupportsIPv6 && HasIPv6Loopback(), "no IPv6 loopback (::1) on this machine");
        await using PeerProcess listen = Wlsock.Start("udp", "listen", "0", "--bind", "::1", "--count", "1");
        string line = await listen.WaitForErrorLineAsync(l => l.StartsWith("listening on [::1]:", StringComparison.Ordinal), Tools.Timeout, "the listening line");
        string port = line[(line.LastIndexOf(':') + 1)..];
        await using PeerProcess send = await Wlsock.RunAsync(["udp", "send", "::1", port, "HelloWord"]);
        Assert.True(await send.WaitForExitAsync(Tools.Timeout) == 0, send.Describe());
        Assert.True(await listen.WaitForExitAsync(Tools.Timeout) == 0, listen.Describe());
        Assert.Equal("HelloWord\n", Encoding.ASCII.GetString(listen.StandardOutputBytes));
    }

    private static bool HasIPv6Loopback()
    {
        try
        {
            using DatagramSocket probe = DatagramSocket.Bind("::1", 0);
            return probe.LocalEndPoint.Address.Equals(IPAddress.IPv6Loopback);
        }
        catch (WLSocketException)
        {
            return false;
        }
    }

    private static string Count<T>(ICollection<T> items) => items.Count.ToString(CultureInfo.InvariantCulture);

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
