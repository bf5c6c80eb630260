using System.Diagnostics;
using System.Globalization;
using WLSockets.WLangage;
using static WLSockets.Tests.WLangage.FacadeTestSupport;
using static WLSockets.WLangage.Fonctions;
using static WLSockets.WLangage.WLangageExtensions;

namespace WLSockets.Tests.Udp;

/// <summary>The UDP behaviour of the French facade (transports.md §2, §3; open questions U1–U7), one test each.</summary>
public class UdpFacadeTests
{
    /// <summary>A UDP socket on a free loopback port; returns the port.</summary>
    internal static int CreateUdp(string name, string address = "127.0.0.1")
    {
        Assert.True(SocketCréeUDP(name, 0, address), ErreurInfo());
        int port = SocketLocalPort(name);
        Assert.InRange(port, 1, 65535);
        return port;
    }

    private static int Code => (int)ErreurInfo(errCode);

    [Fact]
    public void Write_then_read_one_datagram_each_and_find_the_sender()
    {
        string a = UniqueName("A"), b = UniqueName("B");
        int portA = CreateUdp(a);
        int portB = CreateUdp(b);
        Assert.True(SocketEcrit(a, "Bonjour", "127.0.0.1", portB), ErreurInfo());
        Assert.True(SocketEcrit(a, new byte[] { 0, 1, 255 }, "127.0.0.1", portB));
        Assert.Equal("Bonjour", (string)SocketLit(b, false, 5000));
        Assert.Equal(new byte[] { 0, 1, 255 }, (byte[])SocketLit(b, false, 5000));
        Assert.False(ErreurDétectée);
        Assert.Equal("127.0.0.1", SocketClientInfo(b, SocketAdresse));
        Assert.Equal(portA.ToString(CultureInfo.InvariantCulture), SocketClientInfo(b, SocketPort));
        SocketFerme(a);
        SocketFerme(b);
    }

    [Fact]
    public void Reply_to_the_sender_as_the_help_page_does()
    {
        string serveur = UniqueName("Serveur"), poste = UniqueName("PosteA");
        int portServeur = CreateUdp(serveur);
        CreateUdp(poste);
        Assert.True(SocketEcrit(poste, "Qui est là ?", "127.0.0.1", portServeur));

        string message = SocketLit(serveur, false, 2000);
        Assert.True(SocketEcrit(serveur, "Réponse à " + message, SocketClientInfo(serveur, SocketAdresse), int.Parse(SocketClientInfo(serveur, SocketPort), CultureInfo.InvariantCulture)));

        Assert.Equal("Réponse à Qui est là ?", (string)SocketLit(poste, false, 2000));
        Assert.Equal(portServeur.ToString(CultureInfo.InvariantCulture), SocketClientInfo(poste, SocketPort));
        SocketFerme(serveur);
        SocketFerme(poste);
    }

    [Fact]
    public void Several_datagrams_are_several_reads_and_the_byte_count_never_truncates()
    {
        string a = UniqueName("A"), b = UniqueName("B");
        CreateUdp(a);
        int portB = CreateUdp(b);
        byte[] big = new byte[5000];
        Random.Shared.NextBytes(big);
        Assert.True(SocketEcrit(a, "un", "127.0.0.1", portB));
        Assert.True(SocketEcrit(a, big, "127.0.0.1", portB));
        Assert.True(SocketEcrit(a, "trois", "127.0.0.1", portB));
        Assert.Equal("un", (string)SocketLit(b, false, 5000, 1));      // one datagram, whatever the count (U3)
        Assert.Equal(big, (byte[])SocketLit(b, false, 5000, 10));
        Assert.Equal("trois", (string)SocketLit(b, false, 5000, 4096, 1)); // the 5th parameter is ignored (F11)
        Assert.False(ErreurDétectée);
        SocketFerme(a);
        SocketFerme(b);
    }

    [Fact]
    public void The_largest_datagram_passes_and_a_larger_one_fails_without_sending()
    {
        string a = UniqueName("A"), b = UniqueName("B");
        CreateUdp(a);
        int portB = CreateUdp(b);
        byte[] largest = new byte[65_507];
        Random.Shared.NextBytes(largest);
        Assert.True(SocketEcrit(a, largest, "127.0.0.1", portB), ErreurInfo());
        Assert.Equal(largest, (byte[])SocketLit(b, false, 5000));

        Assert.False(SocketEcrit(a, new byte[65_508], "127.0.0.1", portB));
        Assert.Equal((int)WLSocketError.MessageTooLarge, Code);
        Assert.Contains("nothing was sent", (string)ErreurInfo(), StringComparison.Ordinal);
        Assert.Equal("SocketEcrit", (string)ErreurInfo(errPendant));
        Assert.Equal("", (string)SocketLit(b, false, 300));
        SocketFerme(a);
        SocketFerme(b);
    }

    [Fact]
    public void A_read_timeout_returns_empty_without_error()
    {
        string name = UniqueName("U");
        CreateUdp(name);
        var watch = Stopwatch.StartNew();
        Assert.Equal("", (string)SocketLit(name, false, 300));
        Assert.False(ErreurDétectée);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
        Assert.Equal("", (string)SocketLit(name, false, 0));
        Assert.False(ErreurDétectée);
        SocketFerme(name);
    }

    [Fact]
    public async Task SocketFerme_from_another_thread_ends_a_blocked_read_with_100032()
    {
        string name = UniqueName("U");
        CreateUdp(name);
        Task waiting = Loopback.ReceiveWaiting(SocketRegistry.Get(name).Udp!.Socket);
        Task<(string, bool, int)> reader = Loopback.OnThread(() =>
        {
            string data = SocketLit(name); // waits without limit
            return (data, ErreurDétectée, (int)ErreurInfo(errCode));
        });
        await waiting.Within();
        SocketFerme(name);
        (string data, bool failed, int code) = await reader.Within();
        Assert.Equal("", data);
        Assert.True(failed);
        Assert.Equal(100032, code);
        Assert.False(SocketExiste(name));
    }

    [Fact]
    public void SocketClientInfo_before_any_datagram_is_empty_with_NoClient()
    {
        string name = UniqueName("U");
        CreateUdp(name);
        Assert.Equal("", SocketClientInfo(name, SocketAdresse));
        Assert.Equal((int)WLSocketError.NoClient, Code);
        Assert.Contains("No datagram has been read", (string)ErreurInfo(), StringComparison.Ordinal);
        Assert.Equal("", SocketClientInfo(name, SocketPort));
        SocketFerme(name);
    }

    [Fact]
    public void The_three_argument_write_reuses_the_last_destination_port()
    {
        string a = UniqueName("A"), b = UniqueName("B");
        CreateUdp(a);
        int portB = CreateUdp(b);
        Assert.False(SocketEcrit(a, "sans port", "127.0.0.1"));
        Assert.Equal((int)WLSocketError.InvalidArgument, Code);
        Assert.Contains("No destination port", (string)ErreurInfo(), StringComparison.Ordinal);

        Assert.True(SocketEcrit(a, "premier", "127.0.0.1", portB));
        Assert.True(SocketEcrit(a, "second", "127.0.0.1"), ErreurInfo());
        Assert.True(SocketEcrit(a, new byte[] { 3 }, "localhost"));
        Assert.True(SocketEcrit(a, SocketLit(b, false, 5000), "127.0.0.1"));
        Assert.Equal("second", (string)SocketLit(b, false, 5000));
        Assert.Equal(new byte[] { 3 }, (byte[])SocketLit(b, false, 5000));
        Assert.Equal("premier", (string)SocketLit(b, false, 5000));
        SocketFerme(a);
        SocketFerme(b);
    }

    [Fact]
    public void Connection_only_syntaxes_fail_clearly_on_a_UDP_socket()
    {
        string name = UniqueName("U");
        CreateUdp(name);

        Assert.False(SocketEcrit(name, "no destination"));
        Assert.Equal((int)WLSocketError.InvalidSocketKind, Code);
        Assert.Contains("needs a destination", (string)ErreurInfo(), StringComparison.Ordinal);

        Assert.False(SocketChangeModeTransmission(name, SocketSansMarqueurFin));
        Assert.Equal((int)WLSocketError.InvalidSocketKind, Code);
        Assert.Contains("always raw", (string)ErreurInfo(), StringComparison.Ordinal);

        Assert.False(SocketAttendConnexion(name, 0));
        Assert.Equal((int)WLSocketError.InvalidSocketKind, Code);
        Assert.Equal("", SocketAccepte(name));
        Assert.Equal((int)WLSocketError.InvalidSocketKind, Code);
        Assert.Contains("UDP has no connections", (string)ErreurInfo(), StringComparison.Ordinal);
        Assert.False(SocketRefuse(name));
        Assert.Equal((int)WLSocketError.InvalidSocketKind, Code);

        Assert.True(SocketExiste(name));
        SocketFerme(name);
        Assert.False(ErreurDétectée);
        Assert.False(SocketExiste(name));
        Assert.False(SocketEcrit(name, "closed", "127.0.0.1", 9));
        Assert.Equal((int)WLSocketError.UnknownSocket, Code);
    }

    [Fact]
    public void The_destination_syntax_fails_clearly_on_a_TCP_socket()
    {
        string listener = UniqueName("L");
        int port = CreateListener(listener);
        Assert.False(SocketEcrit(listener, "x", "127.0.0.1", port));
        Assert.Equal((int)WLSocketError.InvalidSocketKind, Code);
        Assert.Contains("not a UDP socket", (string)ErreurInfo(), StringComparison.Ordinal);
        Assert.Equal(port, SocketLocalPort(listener));
        SocketFerme(listener);
    }

    [Fact]
    public void Creation_errors()
    {
        string name = UniqueName("U");
        int port = CreateUdp(name);
        Assert.False(SocketCréeUDP(name, 0));
        Assert.Equal((int)WLSocketError.NameInUse, Code);
        Assert.False(SocketCréeUDP(UniqueName("U"), -1));
        Assert.Equal((int)WLSocketError.InvalidArgument, Code);
        Assert.False(SocketCréeUDP(UniqueName("U"), 65536));
        Assert.Equal((int)WLSocketError.InvalidArgument, Code);
        Assert.False(SocketCréeUDP("", 0));
        Assert.Equal((int)WLSocketError.EmptyName, Code);
        Assert.False(SocketCréeUDP(UniqueName("U"), 0, "203.0.113.7"));
        Assert.Equal((int)WLSocketError.AddressInUse, Code);
        Assert.Equal("SocketCréeUDP", (string)ErreurInfo(errPendant));
        Assert.Equal(0, SocketLocalPort(UniqueName("absent")));
        Assert.Equal((int)WLSocketError.UnknownSocket, Code);

        string second = UniqueName("U");
        Assert.True(SocketCréeUDP(second, port, "127.0.0.1"), ErreurInfo()); // the port is shared (U5)
        SocketFerme(second);
        SocketFerme(name);
    }

    [Fact]
    public void Destination_errors_are_reported()
    {
        string name = UniqueName("U");
        CreateUdp(name);
        Assert.False(SocketEcrit(name, "x", "", 9));
        Assert.Equal((int)WLSocketError.InvalidArgument, Code);
        Assert.False(SocketEcrit(name, "x", "127.0.0.1", 0));
        Assert.Equal((int)WLSocketError.InvalidArgument, Code);
        Assert.False(SocketEcrit(name, "x", Loopback.UnresolvableHost, 9));
        Assert.Equal((int)WLSocketError.HostNotFound, Code);
        Assert.False(SocketEcrit(name, "x", "::1", 9));
        Assert.Equal((int)WLSocketError.InvalidArgument, Code);
        SocketFerme(name);
    }

    [Fact]
    public void IPv6_and_dual_stack_sockets()
    {
        Assert.SkipUnless(Loopback.HasIPv6Loopback(), "IPv6 loopback is not available here");
        string v6 = UniqueName("V6"), dual = UniqueName("Dual"), v4 = UniqueName("V4");
        int port6 = CreateUdp(v6, "::1");
        int portDual = CreateUdp(dual, "::");
        int port4 = CreateUdp(v4);

        Assert.True(SocketEcrit(dual, "vers v6", "::1", port6), ErreurInfo());
        Assert.Equal("vers v6", (string)SocketLit(v6, false, 5000));
        Assert.Equal("::1", SocketClientInfo(v6, SocketAdresse));

        Assert.True(SocketEcrit(v4, "vers double pile", "127.0.0.1", portDual));
        Assert.Equal("vers double pile", (string)SocketLit(dual, false, 5000));
        Assert.Equal("127.0.0.1", SocketClientInfo(dual, SocketAdresse)); // IPv4-mapped shown as IPv4 (G6)
        Assert.Equal(port4.ToString(CultureInfo.InvariantCulture), SocketClientInfo(dual, SocketPort));
        Assert.True(SocketEcrit(dual, "retour", SocketClientInfo(dual, SocketAdresse), port4));
        Assert.Equal("retour", (string)SocketLit(v4, false, 5000));
        SocketFerme(v6);
        SocketFerme(dual);
        SocketFerme(v4);
    }

    [Fact]
    public void Multicast_extensions_on_loopback()
    {
        const string Group = "239.255.91.3";
        string member = UniqueName("Membre"), sender = UniqueName("Emetteur");
        int port = CreateUdp(member, "");
        CreateUdp(sender);
        Assert.True(SocketJoinMulticastGroup(member, Group, "127.0.0.1"), ErreurInfo());
        Assert.True(SocketSetMulticastSending(sender, "127.0.0.1", 0, true), ErreurInfo()); // stays on this machine

        Assert.True(SocketEcrit(sender, "au groupe", Group, port), ErreurInfo());
        Assert.Equal("au groupe", (string)SocketLit(member, false, 5000));
        Assert.Equal("127.0.0.1", SocketClientInfo(member, SocketAdresse));

        Assert.True(SocketLeaveMulticastGroup(member, Group, "127.0.0.1"));
        Assert.True(SocketEcrit(sender, "après", Group, port));
        Assert.Equal("", (string)SocketLit(member, false, 300));

        Assert.False(SocketJoinMulticastGroup(member, "10.1.2.3", "127.0.0.1"));
        Assert.Equal((int)WLSocketError.InvalidArgument, Code);
        Assert.Equal("SocketJoinMulticastGroup", (string)ErreurInfo(errPendant));
        Assert.False(SocketJoinMulticastGroup(member, "pas une adresse"));
        Assert.Equal((int)WLSocketError.InvalidArgument, Code);
        Assert.False(SocketJoinMulticastGroup(member, Group, "no-such-interface0"));
        Assert.Equal((int)WLSocketError.InvalidArgument, Code);
        Assert.False(SocketSetMulticastSending(sender, "", 256));
        Assert.Equal((int)WLSocketError.InvalidArgument, Code);
        string tcp = UniqueName("L");
        CreateListener(tcp);
        Assert.False(SocketJoinMulticastGroup(tcp, Group));
        Assert.Equal((int)WLSocketError.InvalidSocketKind, Code);
        SocketFerme(tcp);
        SocketFerme(member);
        SocketFerme(sender);
    }

    [Fact]
    public void Joining_by_interface_name_and_index()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the loopback interface is named 'lo' on Linux");
        string member = UniqueName("Membre");
        CreateUdp(member, "");
        Assert.True(SocketJoinMulticastGroup(member, "239.255.91.6", "lo"), ErreurInfo());
        Assert.True(SocketLeaveMulticastGroup(member, "239.255.91.6", "lo"), ErreurInfo());
        string index = System.Net.NetworkInformation.NetworkInterface.LoopbackInterfaceIndex.ToString(CultureInfo.InvariantCulture);
        Assert.True(SocketJoinMulticastGroup(member, "239.255.91.6", index), ErreurInfo());
        SocketFerme(member);
    }
}
