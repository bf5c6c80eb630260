using System.Net;
using WLSockets.Tests.Udp.Peers;
using static WLSockets.Tests.Udp.DatagramSocketTests;

namespace WLSockets.Tests.Udp;

/// <summary>
/// "A port already opened by another application can be opened again" (SocketCréeUDP, open question U5): address
/// reuse is on unless asked otherwise; see docs/decisions.md for the Linux SO_REUSEADDR choice.
/// </summary>
public class PortSharingTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(5);

    [Fact]
    public void Two_sockets_share_a_port_and_unicast_goes_to_the_last_bound()
    {
        using DatagramSocket first = Local();
        using DatagramSocket second = DatagramSocket.Bind("127.0.0.1", first.LocalEndPoint.Port);
        Assert.Equal(first.LocalEndPoint, second.LocalEndPoint);
        using DatagramSocket sender = Local();
        sender.Send("to the port"u8, first.LocalEndPoint);
        if (OperatingSystem.IsLinux())
        {
            // SO_REUSEADDR alone (not SO_REUSEPORT): Linux gives unicast datagrams to the socket bound last.
            Assert.Equal("to the port", second.Receive(s_wait).GetString());
            Assert.Equal(WLSocketError.Timeout, Assert.Throws<WLSocketException>(() => first.Receive(TimeSpan.FromMilliseconds(200))).Error);
        }
    }

    [Fact]
    public void An_exclusive_socket_neither_shares_nor_joins_a_shared_port()
    {
        using DatagramSocket exclusive = DatagramSocket.Bind("127.0.0.1", 0, exclusiveAddress: true);
        var ex = Assert.Throws<WLSocketException>(() => DatagramSocket.Bind("127.0.0.1", exclusive.LocalEndPoint.Port));
        Assert.Equal(WLSocketError.AddressInUse, ex.Error);
        Assert.Contains("already in use", ex.Message, StringComparison.Ordinal);

        using DatagramSocket shared = Local();
        Assert.Equal(WLSocketError.AddressInUse,
            Assert.Throws<WLSocketException>(() => DatagramSocket.Bind("127.0.0.1", shared.LocalEndPoint.Port, exclusiveAddress: true)).Error);
    }

    [Fact]
    public async Task Another_program_asking_for_address_reuse_opens_the_same_port()
    {
        using DatagramSocket ours = Local();
        string port = ours.LocalEndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (PeerProcess reusing = Tools.StartPython("bind", "--port", port, "--reuse"))
        {
            Assert.Equal("BOUND", await reusing.StdoutLineAsync(""));
        }

        using (PeerProcess plain = Tools.StartPython("bind", "--port", port))
        {
            Assert.Equal("EADDRINUSE", await plain.StdoutLineAsync("")); // a program that does not ask for reuse is refused, as everywhere
        }

        // And the other way round: a port a Python program holds with SO_REUSEADDR is opened again here.
        using PeerProcess holder = Tools.StartPython("echo", "--reuse", "--count", "1", "--timeout", "15");
        int held = int.Parse((await holder.StdoutLineAsync("PORT ")).Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        using DatagramSocket again = DatagramSocket.Bind("127.0.0.1", held);
        Assert.Equal(held, again.LocalEndPoint.Port);
    }

    [Fact]
    public async Task Multicast_to_a_shared_port_reaches_every_socket_on_it()
    {
        IPAddress group = IPAddress.Parse("239.255.91.1");
        using DatagramSocket first = DatagramSocket.Bind(0);
        using DatagramSocket second = DatagramSocket.Bind("", first.LocalEndPoint.Port);
        first.JoinGroup(group, IPAddress.Loopback);
        second.JoinGroup(group, IPAddress.Loopback);
        using DatagramSocket sender = MulticastTests.LoopbackOnlySender();
        await sender.SendAsync(Ascii("to all"), new IPEndPoint(group, first.LocalEndPoint.Port), Loopback.Ct).Within();
        Assert.Equal("to all", (await first.ReceiveAsync(s_wait, Loopback.Ct).Within()).GetString());
        Assert.Equal("to all", (await second.ReceiveAsync(s_wait, Loopback.Ct).Within()).GetString());
    }
}
