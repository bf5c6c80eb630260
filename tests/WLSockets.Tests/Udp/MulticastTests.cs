using System.Globalization;
using System.Net;
using WLSockets.Tests.Udp.Peers;
using static WLSockets.Tests.Udp.DatagramSocketTests;

namespace WLSockets.Tests.Udp;

/// <summary>
/// Multicast (open question U2), never leaving this machine: IPv4 groups on the loopback interface, sent with
/// IP_MULTICAST_IF = 127.0.0.1 and a time to live of 0 (the kernel never transmits such datagrams on a wire); IPv6
/// groups only inside a private network namespace. Each test uses its own group, so that Linux's delivery of a group's
/// datagrams to every socket on the port (IP_MULTICAST_ALL) cannot mix tests.
/// </summary>
public class MulticastTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(5);

    /// <summary>A sender whose multicast datagrams stay on the loopback interface of this machine.</summary>
    internal static DatagramSocket LoopbackOnlySender()
    {
        DatagramSocket sender = Local();
        sender.SetMulticastInterface(IPAddress.Loopback);
        sender.MulticastTimeToLive = 0;
        sender.MulticastLoopback = true;
        Assert.Equal(0, sender.MulticastTimeToLive);
        return sender;
    }

    [Fact]
    public async Task A_member_receives_the_group_until_it_leaves()
    {
        IPAddress group = IPAddress.Parse("239.255.91.2");
        using DatagramSocket member = DatagramSocket.Bind(0);
        member.JoinGroup(group, IPAddress.Loopback);
        using DatagramSocket sender = LoopbackOnlySender();
        var destination = new IPEndPoint(group, member.LocalEndPoint.Port);

        await sender.SendAsync(Ascii("hello group"), destination, Loopback.Ct).Within();
        Datagram received = await member.ReceiveAsync(s_wait, Loopback.Ct).Within();
        Assert.Equal("hello group", received.GetString());
        Assert.Equal(sender.LocalEndPoint, received.Sender);

        member.LeaveGroup(group, IPAddress.Loopback);
        await sender.SendAsync(Ascii("after leaving"), destination, Loopback.Ct).Within();
        var ex = await Assert.ThrowsAsync<WLSocketException>(() => member.ReceiveAsync(TimeSpan.FromMilliseconds(300), Loopback.Ct).Within());
        Assert.Equal(WLSocketError.Timeout, ex.Error);
    }

    [Fact]
    public async Task Interfaces_given_by_index_and_leaving_a_group_not_joined()
    {
        IPAddress group = IPAddress.Parse("239.255.91.4");
        using DatagramSocket member = DatagramSocket.Bind(0);
        int lo = LoopbackIndex();
        member.JoinGroup(group, lo);
        using DatagramSocket sender = Local();
        sender.SetMulticastInterface(lo);
        sender.MulticastTimeToLive = 0;
        await sender.SendAsync(Ascii("by index"), new IPEndPoint(group, member.LocalEndPoint.Port), Loopback.Ct).Within();
        Assert.Equal("by index", (await member.ReceiveAsync(s_wait, Loopback.Ct).Within()).GetString());
        member.LeaveGroup(group, lo);
        var ex = Assert.Throws<WLSocketException>(() => member.LeaveGroup(group, lo));
        Assert.Equal(WLSocketError.NetworkError, ex.Error);
        Assert.Contains("239.255.91.4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Python_members_and_senders_interoperate_on_loopback()
    {
        IPAddress group = IPAddress.Parse("239.255.91.5");
        using PeerProcess member = Tools.StartPython("recv", "--bind", "0.0.0.0", "--group", group.ToString(), "--ifaddr", "127.0.0.1", "--count", "1");
        int port = PortOf(await member.StdoutLineAsync("PORT "));
        using DatagramSocket sender = LoopbackOnlySender();
        await sender.SendAsync(new byte[] { 0, 1, 2, 0xFF }, new IPEndPoint(group, port), Loopback.Ct).Within();
        string[] line = (await member.StdoutLineAsync("DGRAM ")).Split(' ');
        Assert.Equal("4", line[1]);
        Assert.Equal("000102ff", line[5]);
        Assert.Equal(sender.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture), line[4]);

        using DatagramSocket ours = DatagramSocket.Bind(0);
        ours.JoinGroup(group, IPAddress.Loopback);
        using PeerProcess python = Tools.StartPython("send", "--to", group.ToString(), "--port", ours.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture),
            "--ifaddr", "127.0.0.1", "--ttl", "0", "--hex", "6d756c7469");
        int from = PortOf(await python.StdoutLineAsync("FROM "));
        Datagram received = await ours.ReceiveAsync(s_wait, Loopback.Ct).Within();
        Assert.Equal("multi", received.GetString());
        Assert.Equal(from, received.Sender.Port);
    }

    [Fact]
    public async Task IPv6_multicast_inside_a_private_network_namespace()
    {
        Tools.RequirePython();
        using NetNamespace ns = NetNamespace.CreateOrSkip();
        IPAddress group = IPAddress.Parse("ff02::1:91");

        // Ours joins on wlb; Python sends through wla: the datagram crosses the namespace's own veth pair.
        using DatagramSocket member = ns.Run(() =>
        {
            DatagramSocket socket = DatagramSocket.Bind("::", 0);
            socket.JoinGroup(group, ns.ReceiverIndex);
            return socket;
        });
        using (PeerProcess python = ns.StartPython("send", "--to", group.ToString(), "--port", member.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture),
            "--ifindex", ns.SenderIndex.ToString(CultureInfo.InvariantCulture), "--hex", "7636"))
        {
            Datagram received = await member.ReceiveAsync(s_wait, Loopback.Ct).Within();
            Assert.Equal("v6", received.GetString());
            Assert.Equal(PortOf(await python.StdoutLineAsync("FROM ")), received.Sender.Port);
        }

        // Python joins on wlb; ours sends through wla (bound to the namespace's own address, which proves where it is).
        using PeerProcess pyMember = ns.StartPython("recv", "--bind", "::", "--group", group.ToString(), "--ifindex", ns.ReceiverIndex.ToString(CultureInfo.InvariantCulture));
        int port = PortOf(await pyMember.StdoutLineAsync("PORT "));
        using DatagramSocket sender = ns.Run(() =>
        {
            DatagramSocket socket = DatagramSocket.Bind(NetNamespace.SenderAddressV6, 0);
            socket.SetMulticastInterface(ns.SenderIndex);
            return socket;
        });
        await sender.SendAsync(Ascii("to the group"), new IPEndPoint(group, port), Loopback.Ct).Within();
        string[] line = (await pyMember.StdoutLineAsync("DGRAM ")).Split(' ');
        Assert.Equal(Convert.ToHexStringLower(Ascii("to the group")), line[5]);
    }

    internal static int PortOf(string line) => int.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);

    private static int LoopbackIndex() => System.Net.NetworkInformation.NetworkInterface.LoopbackInterfaceIndex;
}
