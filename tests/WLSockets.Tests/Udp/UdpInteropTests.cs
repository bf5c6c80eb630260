using System.Globalization;
using System.Net;
using AddressFamily = System.Net.Sockets.AddressFamily;
using ProtocolType = System.Net.Sockets.ProtocolType;
using RawSocket = System.Net.Sockets.Socket;
using SocketType = System.Net.Sockets.SocketType;
using System.Security.Cryptography;
using WLSockets.Tests.Udp.Peers;
using static WLSockets.Tests.Udp.DatagramSocketTests;
using static WLSockets.Tests.Udp.MulticastTests;
using static WLSockets.Tests.Udp.UdpFacadeTests;
using static WLSockets.Tests.WLangage.FacadeTestSupport;
using static WLSockets.WLangage.Fonctions;

namespace WLSockets.Tests.Udp;

/// <summary>
/// UDP against programs no one here wrote: socat (exact bytes on its stdout, one log line per datagram) and a Python
/// standard-library peer (length, SHA-256 and sender of each datagram). Loopback only.
/// </summary>
public class UdpInteropTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int FreeUdpPort()
    {
        using var probe = new RawSocket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>socat printing every datagram it receives on 127.0.0.1:port to stdout, once it is ready.</summary>
    private static async Task<(PeerProcess Socat, int Port)> SocatReceiverAsync()
    {
        string socat = Tools.RequireSocat();
        int port = FreeUdpPort();
        PeerProcess receiver = PeerProcess.Start(socat, ["-d", "-d", "-u", $"UDP-RECV:{port},bind=127.0.0.1", "-"], binaryOutput: true);
        await receiver.StderrLineAsync("starting data transfer loop");
        return (receiver, port);
    }

    [Fact]
    public async Task Socat_receives_the_exact_bytes_of_each_datagram()
    {
        (PeerProcess socat, int port) = await SocatReceiverAsync();
        using PeerProcess _ = socat;
        using DatagramSocket ours = Local();
        byte[] every = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        await ours.SendAsync(every, "127.0.0.1", port, Loopback.Ct).Within();
        ours.Send("end\r\n"u8, new IPEndPoint(IPAddress.Loopback, port));

        byte[] output = await socat.ReadStdoutBytesAsync(261);
        Assert.Equal([.. every, .. Ascii("end\r\n")], output);
        string from = $"from AF=2 127.0.0.1:{ours.LocalEndPoint.Port}";
        Assert.EndsWith($"received packet with 256 bytes {from}", await socat.StderrLineAsync("received packet"), StringComparison.Ordinal);
        Assert.EndsWith($"received packet with 5 bytes {from}", await socat.StderrLineAsync("received packet"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Our_socket_receives_what_socat_sends()
    {
        string socatPath = Tools.RequireSocat();
        using DatagramSocket ours = Local();
        using PeerProcess socat = PeerProcess.Start(socatPath, ["-u", "-", $"UDP-SENDTO:127.0.0.1:{ours.LocalEndPoint.Port}"]);
        byte[] payload = [0x00, 0x0D, 0x0A, 0xE9, 0xFF, .. "<EOF>"u8.ToArray()];
        await socat.Input.WriteAsync(payload, Loopback.Ct);
        socat.CloseInput();
        Datagram received = await ours.ReceiveAsync(s_wait, Loopback.Ct).Within();
        Assert.Equal(payload, received.Data);
        Assert.Equal(IPAddress.Loopback, received.Sender.Address);
        Assert.Equal(0, await socat.WaitForExitAsync());
    }

    [Fact]
    public async Task A_socat_client_gets_the_reply_sent_to_the_sender()
    {
        string socatPath = Tools.RequireSocat();
        using DatagramSocket server = Local();
        using PeerProcess socat = PeerProcess.Start(socatPath, ["-", $"UDP-SENDTO:127.0.0.1:{server.LocalEndPoint.Port}"], binaryOutput: true);
        await socat.Input.WriteAsync(Ascii("ping"), Loopback.Ct);
        await socat.Input.FlushAsync(Loopback.Ct);

        Datagram question = await server.ReceiveAsync(s_wait, Loopback.Ct).Within();
        Assert.Equal("ping", question.GetString());
        await server.SendAsync(Ascii("pong"), question.Sender, Loopback.Ct).Within();
        Assert.Equal(Ascii("pong"), await socat.ReadStdoutBytesAsync(4));
    }

    [Fact]
    public async Task The_facade_writes_to_socat_and_reads_from_it()
    {
        (PeerProcess receiver, int port) = await SocatReceiverAsync();
        using PeerProcess _ = receiver;
        string name = UniqueName("Socat");
        int ourPort = CreateUdp(name);
        Assert.True(SocketEcrit(name, "Résumé", "127.0.0.1", port), ErreurInfo());
        Assert.Equal(new byte[] { 0x52, 0xE9, 0x73, 0x75, 0x6D, 0xE9 }, await receiver.ReadStdoutBytesAsync(6)); // Windows-1252

        using PeerProcess sender = PeerProcess.Start(Tools.RequireSocat(), ["-u", "-", $"UDP-SENDTO:127.0.0.1:{ourPort}"]);
        await sender.Input.WriteAsync(Ascii("from socat"), Loopback.Ct);
        sender.CloseInput();
        Assert.Equal("from socat", (string)SocketLit(name, false, 5000));
        Assert.Equal("127.0.0.1", SocketClientInfo(name, SocketAdresse));
        SocketFerme(name);
    }

    [Fact]
    public async Task A_Python_echo_peer_returns_every_datagram_whole()
    {
        using PeerProcess python = Tools.StartPython("echo", "--count", "4");
        int port = PortOf(await python.StdoutLineAsync("PORT "));
        using DatagramSocket ours = Local();
        byte[] big = new byte[DatagramSocket.MaxIPv4DatagramSize];
        Random.Shared.NextBytes(big);
        byte[][] sent = [[], Ascii("a"), RandomNumberGenerator.GetBytes(1000), big];
        foreach (byte[] datagram in sent)
        {
            await ours.SendAsync(datagram, "127.0.0.1", port, Loopback.Ct).Within();
        }

        foreach (byte[] datagram in sent)
        {
            string[] seen = (await python.StdoutLineAsync("DGRAM ")).Split(' ');
            Assert.Equal(Text(datagram.Length), seen[1]);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(datagram)), seen[2]);
            Assert.Equal("127.0.0.1", seen[3]);
            Assert.Equal(Text(ours.LocalEndPoint.Port), seen[4]);
            Datagram echoed = await ours.ReceiveAsync(s_wait, Loopback.Ct).Within();
            Assert.True(datagram.AsSpan().SequenceEqual(echoed.Data), $"echo of {datagram.Length} bytes differs ({echoed.Length} bytes)");
            Assert.Equal(port, echoed.Sender.Port);
        }

        Assert.Equal(0, await python.WaitForExitAsync());
    }

    [Fact]
    public async Task A_Python_echo_peer_over_IPv6()
    {
        Assert.SkipUnless(Loopback.HasIPv6Loopback(), "IPv6 loopback is not available here");
        using PeerProcess python = Tools.StartPython("echo", "--bind", "::1", "--count", "1");
        int port = PortOf(await python.StdoutLineAsync("PORT "));
        using DatagramSocket ours = DatagramSocket.Bind("::", 0);
        byte[] big = RandomNumberGenerator.GetBytes(DatagramSocket.MaxIPv6DatagramSize);
        await ours.SendAsync(big, "::1", port, Loopback.Ct).Within();
        string[] seen = (await python.StdoutLineAsync("DGRAM ")).Split(' ');
        Assert.Equal("65527", seen[1]);
        Assert.Equal("::1", seen[3]);
        Datagram echoed = await ours.ReceiveAsync(s_wait, Loopback.Ct).Within();
        Assert.True(big.AsSpan().SequenceEqual(echoed.Data));
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, port), echoed.Sender);
    }

    [Fact]
    public async Task Datagrams_from_a_Python_sender_arrive_one_per_receive()
    {
        using DatagramSocket ours = Local();
        using PeerProcess python = Tools.StartPython("send", "--to", "127.0.0.1", "--port", Text(ours.LocalEndPoint.Port), "--hex", "01", "", "0d0a0d0a", "ff00ff");
        int from = PortOf(await python.StdoutLineAsync("FROM "));
        foreach (byte[] expected in new byte[][] { [0x01], [], [0x0D, 0x0A, 0x0D, 0x0A], [0xFF, 0x00, 0xFF] })
        {
            Datagram received = await ours.ReceiveAsync(s_wait, Loopback.Ct).Within();
            Assert.Equal(expected, received.Data);
            Assert.Equal(new IPEndPoint(IPAddress.Loopback, from), received.Sender);
        }
    }

    [Fact]
    public async Task The_facade_talks_to_a_Python_echo_peer()
    {
        using PeerProcess python = Tools.StartPython("echo", "--count", "2");
        int port = PortOf(await python.StdoutLineAsync("PORT "));
        string name = UniqueName("Python");
        int ourPort = CreateUdp(name);
        Assert.True(SocketEcrit(name, "écho", "127.0.0.1", port), ErreurInfo());
        Assert.Equal("écho", (string)SocketLit(name, false, 5000));
        Assert.Equal(Text(port), SocketClientInfo(name, SocketPort));
        Assert.True(SocketEcrit(name, new byte[] { 0, 255 }, SocketClientInfo(name, SocketAdresse)));
        Assert.Equal(new byte[] { 0, 255 }, (byte[])SocketLit(name, false, 5000));

        string[] first = (await python.StdoutLineAsync("DGRAM ")).Split(' ');
        Assert.Equal("e963686f", first[5]); // Windows-1252
        Assert.Equal(Text(ourPort), first[4]);
        SocketFerme(name);
    }
}
