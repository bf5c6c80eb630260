using System.Globalization;
using System.Net;
using WLSockets.Tests.Udp.Peers;
using WLSockets.WLangage;
using static WLSockets.Tests.Udp.DatagramSocketTests;
using static WLSockets.Tests.Udp.MulticastTests;
using static WLSockets.Tests.WLangage.FacadeTestSupport;
using static WLSockets.WLangage.Fonctions;

namespace WLSockets.Tests.Udp;

/// <summary>
/// Broadcast works out of the box (open question U1). Broadcast datagrams go to a whole network, so these tests run only
/// inside a private network namespace they create (<see cref="NetNamespace"/>), and are skipped, saying why, where
/// that is not possible. Every sender is bound to the namespace's own address, which exists nowhere else.
/// </summary>
public class BroadcastTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(NetNamespace.SubnetBroadcast)]
    [InlineData("255.255.255.255")]
    public async Task Sending_to_a_broadcast_address_reaches_the_stations_of_the_subnet(string broadcast)
    {
        Tools.RequirePython();
        using NetNamespace ns = NetNamespace.CreateOrSkip();
        using PeerProcess station = ns.StartPython("recv", "--bind", "0.0.0.0", "--count", "2");
        int port = PortOf(await station.StdoutLineAsync("PORT "));
        using DatagramSocket sender = ns.Run(() => DatagramSocket.Bind(NetNamespace.SenderAddress, 0));

        await sender.SendAsync(Ascii("to everyone"), broadcast, port, Loopback.Ct).Within();
        sender.Send("again"u8, new IPEndPoint(IPAddress.Parse(broadcast), port));
        string[] first = (await station.StdoutLineAsync("DGRAM ")).Split(' ');
        string[] second = (await station.StdoutLineAsync("DGRAM ")).Split(' ');
        Assert.Equal(Convert.ToHexStringLower(Ascii("to everyone")), first[5]);
        Assert.Equal(Convert.ToHexStringLower(Ascii("again")), second[5]);
        Assert.Equal(NetNamespace.SenderAddress, first[3]);
        Assert.Equal(sender.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture), first[4]);
    }

    [Fact]
    public async Task Broadcast_needs_the_option_that_is_on_by_default()
    {
        using NetNamespace ns = NetNamespace.CreateOrSkip();
        using DatagramSocket sender = ns.Run(() => DatagramSocket.Bind(NetNamespace.SenderAddress, 0));
        sender.EnableBroadcast = false;
        var ex = await Assert.ThrowsAsync<WLSocketException>(() => sender.SendAsync(Ascii("no"), NetNamespace.SubnetBroadcast, 9, Loopback.Ct).Within());
        Assert.Contains("broadcast", ex.Message, StringComparison.Ordinal);
        sender.EnableBroadcast = true;
        await sender.SendAsync(Ascii("yes"), NetNamespace.SubnetBroadcast, 9, Loopback.Ct).Within();
    }

    [Fact]
    public async Task A_socket_on_every_interface_receives_broadcasts_and_sees_the_sender()
    {
        Tools.RequirePython();
        using NetNamespace ns = NetNamespace.CreateOrSkip();
        using DatagramSocket station = ns.Run(() => DatagramSocket.Bind(0));
        using PeerProcess python = ns.StartPython("send", "--broadcast", "--bind", NetNamespace.SenderAddress, "--to", NetNamespace.SubnetBroadcast,
            "--port", station.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture), "--hex", "686920616c6c");
        int from = PortOf(await python.StdoutLineAsync("FROM "));
        Datagram received = await station.ReceiveAsync(s_wait, Loopback.Ct).Within();
        Assert.Equal("hi all", received.GetString());
        Assert.Equal(new IPEndPoint(IPAddress.Parse(NetNamespace.SenderAddress), from), received.Sender);
    }

    [Fact]
    public async Task SocketEcrit_to_a_subnet_broadcast_address_as_the_help_page_allows()
    {
        Tools.RequirePython();
        using NetNamespace ns = NetNamespace.CreateOrSkip();
        using PeerProcess station = ns.StartPython("recv", "--bind", "0.0.0.0");
        int port = PortOf(await station.StdoutLineAsync("PORT "));
        string name = UniqueName("Diffusion");
        Assert.Equal("", ns.Run(() => SocketCréeUDP(name, 0, NetNamespace.SenderAddress) ? "" : (string)ErreurInfo()));
        try
        {
            Assert.True(SocketEcrit(name, "à tous", NetNamespace.SubnetBroadcast, port), ErreurInfo());
            string[] line = (await station.StdoutLineAsync("DGRAM ")).Split(' ');
            Assert.Equal("e020746f7573", line[5]); // Windows-1252
            Assert.Equal(NetNamespace.SenderAddress, line[3]);
        }
        finally
        {
            SocketFerme(name);
        }

        string listener = UniqueName("Station");
        Assert.Equal("", ns.Run(() => SocketCréeUDP(listener, 0) ? "" : (string)ErreurInfo()));
        try
        {
            using PeerProcess python = ns.StartPython("send", "--broadcast", "--bind", NetNamespace.SenderAddress, "--to", NetNamespace.SubnetBroadcast,
                "--port", WLangageExtensions.SocketLocalPort(listener).ToString(CultureInfo.InvariantCulture), "--hex", "726570");
            int from = PortOf(await python.StdoutLineAsync("FROM "));
            Assert.Equal("rep", (string)SocketLit(listener, false, 5000));
            Assert.Equal(NetNamespace.SenderAddress, SocketClientInfo(listener, SocketAdresse));
            Assert.Equal(from.ToString(CultureInfo.InvariantCulture), SocketClientInfo(listener, SocketPort));
        }
        finally
        {
            SocketFerme(listener);
        }
    }
}
