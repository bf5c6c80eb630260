using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using WLSockets.Text;

namespace WLSockets.Tests.Udp;

/// <summary>The UDP async core on loopback: datagram boundaries, sizes, senders, addresses, timeouts, closing.</summary>
public class DatagramSocketTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(5);


    internal static DatagramSocket Local(string address = "127.0.0.1") => DatagramSocket.Bind(address, 0);

    [Fact]
    public void Port_zero_binds_a_free_port_and_reports_it()
    {
        using DatagramSocket socket = Local();
        Assert.Equal(IPAddress.Loopback, socket.LocalEndPoint.Address);
        Assert.InRange(socket.LocalEndPoint.Port, 1, 65535);
        using DatagramSocket any = DatagramSocket.Bind(0);
        Assert.Equal(IPAddress.Any, any.LocalEndPoint.Address);
        Assert.True(any.EnableBroadcast); // open question U1
    }

    [Fact]
    public async Task Each_send_is_one_datagram_and_each_receive_returns_one()
    {
        using DatagramSocket a = Local();
        using DatagramSocket b = Local();
        byte[][] sent = [[1], [], Ascii("abc"), new byte[1000], [0x0D, 0x0A, 0x00, 0xFF]];
        foreach (byte[] datagram in sent)
        {
            await a.SendAsync(datagram, b.LocalEndPoint, Loopback.Ct).Within();
        }

        foreach (byte[] expected in sent)
        {
            Datagram received = await b.ReceiveAsync(s_wait, Loopback.Ct).Within();
            Assert.Equal(expected, received.Data);
            Assert.Equal(a.LocalEndPoint, received.Sender);
        }

        await Assert.ThrowsAsync<WLSocketException>(() => b.ReceiveAsync(TimeSpan.FromMilliseconds(100), Loopback.Ct).Within());
    }

    [Fact]
    public async Task The_largest_IPv4_datagram_arrives_intact()
    {
        using DatagramSocket a = Local();
        using DatagramSocket b = Local();
        byte[] big = new byte[DatagramSocket.MaxIPv4DatagramSize];
        Random.Shared.NextBytes(big);
        await a.SendAsync(big, "127.0.0.1", b.LocalEndPoint.Port, Loopback.Ct).Within();
        Datagram received = await b.ReceiveAsync(s_wait, Loopback.Ct).Within();
        Assert.Equal(65_507, received.Length);
        Assert.True(big.AsSpan().SequenceEqual(received.Data));
    }

    [Theory]
    [InlineData(DatagramSocket.MaxIPv4DatagramSize + 1)]
    [InlineData(100_000)]
    public async Task An_oversized_datagram_fails_clearly_and_sends_nothing(int size)
    {
        using DatagramSocket a = Local();
        using DatagramSocket b = Local();
        var ex = await Assert.ThrowsAsync<WLSocketException>(() => a.SendAsync(new byte[size], b.LocalEndPoint, Loopback.Ct).Within());
        Assert.Equal(WLSocketError.MessageTooLarge, ex.Error);
        Assert.Contains("65507", ex.Message.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("nothing was sent", ex.Message, StringComparison.Ordinal);
        Assert.Equal(WLSocketError.MessageTooLarge, Assert.Throws<WLSocketException>(() => a.Send(new byte[size], "127.0.0.1", b.LocalEndPoint.Port)).Error);
        var timeout = await Assert.ThrowsAsync<WLSocketException>(() => b.ReceiveAsync(TimeSpan.FromMilliseconds(200), Loopback.Ct).Within());
        Assert.Equal(WLSocketError.Timeout, timeout.Error);
    }

    [Fact]
    public async Task Reply_to_the_sender_of_what_was_received()
    {
        using DatagramSocket server = Local();
        using DatagramSocket client = Local();
        client.Send("question", server.LocalEndPoint);
        Datagram question = await server.ReceiveAsync(s_wait, Loopback.Ct).Within();
        Assert.Equal("question", question.GetString());
        await server.SendAsync("answer to " + question.GetString(), question.Sender, Loopback.Ct).Within();
        Datagram answer = client.Receive(s_wait);
        Assert.Equal("answer to question", answer.GetString());
        Assert.Equal(server.LocalEndPoint, answer.Sender);
    }

    [Fact]
    public void Strings_use_the_socket_encoding()
    {
        using DatagramSocket a = Local();
        using DatagramSocket b = Local();
        a.Send("héllo", "127.0.0.1", b.LocalEndPoint.Port); // Windows-1252 by default
        Datagram ansi = b.Receive(s_wait);
        Assert.Equal(new byte[] { 0x68, 0xE9, 0x6C, 0x6C, 0x6F }, ansi.Data);
        Assert.Equal("héllo", ansi.GetString());

        a.Encoding = WinDevEncodings.Utf16;
        b.Encoding = WinDevEncodings.Utf16;
        a.Send("Hi", b.LocalEndPoint);
        Datagram unicode = b.Receive(s_wait);
        Assert.Equal(new byte[] { 0x48, 0x00, 0x69, 0x00 }, unicode.Data);
        Assert.Equal("Hi", unicode.GetString());
        Assert.Equal("H\0i\0", unicode.GetString(WinDevEncodings.Utf8));
    }

    [Fact]
    public void A_host_name_is_resolved_to_an_address_of_the_socket_family()
    {
        using DatagramSocket a = Local();
        using DatagramSocket b = Local();
        a.Send("by name"u8, "localhost", b.LocalEndPoint.Port);
        Assert.Equal("by name", b.Receive(s_wait).GetString());
    }

    [Fact]
    public async Task IPv6_loopback_round_trip_and_the_largest_IPv6_datagram()
    {
        Assert.SkipUnless(Loopback.HasIPv6Loopback(), "IPv6 loopback is not available here");
        using DatagramSocket a = Local("::1");
        using DatagramSocket b = Local("[::1]");
        Assert.Equal(IPAddress.IPv6Loopback, b.LocalEndPoint.Address);
        await a.SendAsync(Ascii("v6"), "[::1]", b.LocalEndPoint.Port, Loopback.Ct).Within();
        Datagram received = await b.ReceiveAsync(s_wait, Loopback.Ct).Within();
        Assert.Equal("v6", received.GetString());
        Assert.Equal(a.LocalEndPoint, received.Sender);

        byte[] big = new byte[DatagramSocket.MaxIPv6DatagramSize];
        Random.Shared.NextBytes(big);
        await b.SendAsync(big, received.Sender, Loopback.Ct).Within();
        byte[] echoed = (await a.ReceiveAsync(s_wait, Loopback.Ct).Within()).Data;
        Assert.True(big.AsSpan().SequenceEqual(echoed));

        var ex = Assert.Throws<WLSocketException>(() => a.Send(new byte[DatagramSocket.MaxIPv6DatagramSize + 1], b.LocalEndPoint));
        Assert.Equal(WLSocketError.MessageTooLarge, ex.Error);
    }

    [Fact]
    public async Task A_dual_stack_socket_reports_IPv4_senders_as_IPv4_and_answers_them()
    {
        Assert.SkipUnless(Loopback.HasIPv6Loopback(), "IPv6 is not available here");
        using DatagramSocket dual = DatagramSocket.Bind("::", 0);
        using DatagramSocket v4 = Local();
        using DatagramSocket v6 = Local("::1");
        v4.Send("from v4"u8, "127.0.0.1", dual.LocalEndPoint.Port);
        Datagram fromV4 = await dual.ReceiveAsync(s_wait, Loopback.Ct).Within();
        Assert.Equal(AddressFamily.InterNetwork, fromV4.Sender.AddressFamily);
        Assert.Equal(v4.LocalEndPoint, fromV4.Sender);
        dual.Send("back"u8, fromV4.Sender);
        Assert.Equal("back", v4.Receive(s_wait).GetString());

        v6.Send("from v6"u8, "::1", dual.LocalEndPoint.Port);
        Assert.Equal(v6.LocalEndPoint, (await dual.ReceiveAsync(s_wait, Loopback.Ct).Within()).Sender);
    }

    [Fact]
    public void Destinations_of_the_other_family_and_bad_destinations_fail_clearly()
    {
        using DatagramSocket v4 = Local();
        var ex = Assert.Throws<WLSocketException>(() => v4.Send("x"u8, "::1", 5000));
        Assert.Equal(WLSocketError.InvalidArgument, ex.Error);
        Assert.Contains("IPv4", ex.Message, StringComparison.Ordinal);
        Assert.Equal(WLSocketError.InvalidArgument, Assert.Throws<WLSocketException>(() => v4.Send("x"u8, "", 5000)).Error);
        Assert.Equal(WLSocketError.InvalidArgument, Assert.Throws<WLSocketException>(() => v4.Send("x"u8, "127.0.0.1", 0)).Error);
        Assert.Equal(WLSocketError.InvalidArgument, Assert.Throws<WLSocketException>(() => v4.Send("x"u8, "127.0.0.1", 65536)).Error);
        Assert.Equal(WLSocketError.HostNotFound, Assert.Throws<WLSocketException>(() => v4.Send("x"u8, Loopback.UnresolvableHost, 5000)).Error);
        if (Loopback.HasIPv6Loopback())
        {
            using DatagramSocket v6 = Local("::1");
            Assert.Equal(WLSocketError.InvalidArgument, Assert.Throws<WLSocketException>(() => v6.Send("x"u8, new IPEndPoint(IPAddress.Loopback, 5000))).Error);
        }
    }

    [Fact]
    public void Binding_errors_are_clear()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DatagramSocket.Bind("", 65536));
        Assert.Throws<ArgumentOutOfRangeException>(() => DatagramSocket.Bind("", -1));
        var notLocal = Assert.Throws<WLSocketException>(() => DatagramSocket.Bind("203.0.113.7", 0)); // TEST-NET-3: never an address of this machine
        Assert.Equal(WLSocketError.AddressInUse, notLocal.Error);
        Assert.Contains("not an address of this machine", notLocal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_timeouts_throw_Timeout_and_zero_only_takes_what_is_there()
    {
        using DatagramSocket a = Local();
        using DatagramSocket b = Local();
        var watch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<WLSocketException>(() => b.ReceiveAsync(TimeSpan.FromMilliseconds(300), Loopback.Ct).Within());
        Assert.Equal(WLSocketError.Timeout, ex.Error);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
        Assert.Equal(WLSocketError.Timeout, Assert.Throws<WLSocketException>(() => b.Receive(TimeSpan.FromMilliseconds(200))).Error);
        Assert.Equal(WLSocketError.Timeout, Assert.Throws<WLSocketException>(() => b.Receive(TimeSpan.Zero)).Error);

        a.Send("there"u8, b.LocalEndPoint);
        Loopback.Until(() => b.Channel.Available > 0, "the datagram is queued");
        Assert.Equal("there", b.Receive(TimeSpan.Zero).GetString());
        a.Send("there too"u8, b.LocalEndPoint);
        Loopback.Until(() => b.Channel.Available > 0, "the datagram is queued");
        Assert.Equal("there too", (await b.ReceiveAsync(TimeSpan.Zero, Loopback.Ct).Within()).GetString());
    }

    [Fact]
    public async Task Cancellation_ends_a_pending_receive_and_loses_nothing()
    {
        using DatagramSocket a = Local();
        using DatagramSocket b = Local();
        using var cts = new CancellationTokenSource(200);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => b.ReceiveAsync(cts.Token).AsTask());
        a.Send("after"u8, b.LocalEndPoint);
        Assert.Equal("after", (await b.ReceiveAsync(s_wait, Loopback.Ct).Within()).GetString());
    }

    [Fact]
    public async Task Close_from_another_thread_wakes_a_blocked_receive_with_ConnectionReset()
    {
        DatagramSocket socket = Local();
        Task waiting = Loopback.ReceiveWaiting(socket);
        Task<Exception?> blocked = Loopback.OnThread(() => Record(() => socket.Receive()));
        await waiting.Within();
        var watch = Stopwatch.StartNew();
        socket.Close();
        var ex = Assert.IsType<WLSocketException>(await blocked.Within());
        Assert.Equal(WLSocketError.ConnectionReset, ex.Error);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"woke after {watch.Elapsed}");
        Assert.Throws<ObjectDisposedException>(() => socket.Receive(TimeSpan.Zero));
        Assert.Throws<ObjectDisposedException>(() => socket.Send("x"u8, "127.0.0.1", 5000));
    }

    [Fact]
    public async Task Dispose_wakes_a_pending_ReceiveAsync_with_ConnectionReset()
    {
        DatagramSocket socket = Local();
        Task waiting = Loopback.ReceiveWaiting(socket);
        Task<Datagram> pending = socket.ReceiveAsync(Loopback.Ct).AsTask();
        await waiting.Within();
        await socket.DisposeAsync();
        var ex = await Assert.ThrowsAsync<WLSocketException>(() => pending.Within());
        Assert.Equal(WLSocketError.ConnectionReset, ex.Error);
    }

    [Fact]
    public async Task Concurrent_receives_each_get_a_different_datagram()
    {
        using DatagramSocket a = Local();
        using DatagramSocket b = Local();
        Task waiting = Loopback.ReceiveWaiting(b);
        Task<Datagram> first = Loopback.OnThread(() => b.Receive(s_wait));
        Task<Datagram> second = b.ReceiveAsync(s_wait, Loopback.Ct).AsTask();
        await waiting.Within(); // at least one receive waits; the other queues behind it: both are in place before sending
        a.Send("one"u8, b.LocalEndPoint);
        a.Send("two"u8, b.LocalEndPoint);
        string[] got = [(await first.Within()).GetString(), (await second.Within()).GetString()];
        Assert.Equal(["one", "two"], got.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Sends_from_many_threads_arrive_as_whole_datagrams()
    {
        using DatagramSocket a = Local();
        using DatagramSocket b = Local();
        const int Senders = 4, Each = 20;
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(s => Loopback.OnThread(() =>
        {
            for (int i = 0; i < Each; i++)
            {
                a.Send(Enumerable.Repeat((byte)('a' + s), 100 + i).ToArray(), b.LocalEndPoint);
            }
        }))).Within();
        var seen = new HashSet<string>();
        for (int i = 0; i < Senders * Each; i++)
        {
            byte[] data = (await b.ReceiveAsync(s_wait, Loopback.Ct).Within()).Data;
            Assert.InRange(data.Length, 100, 100 + Each - 1);
            Assert.All(data, x => Assert.Equal(data[0], x));
            Assert.True(seen.Add($"{(char)data[0]}{data.Length}"));
        }
    }

    [Fact]
    public void Multicast_settings_round_trip_and_reject_what_is_not_a_group()
    {
        using DatagramSocket socket = Local();
        socket.MulticastTimeToLive = 0;
        Assert.Equal(0, socket.MulticastTimeToLive);
        socket.MulticastLoopback = false;
        Assert.False(socket.MulticastLoopback);
        socket.MulticastLoopback = true;
        Assert.True(socket.MulticastLoopback);
        Assert.Throws<ArgumentOutOfRangeException>(() => socket.MulticastTimeToLive = 256);
        Assert.Throws<ArgumentException>(() => socket.JoinGroup(IPAddress.Parse("10.0.0.1")));
        Assert.Throws<ArgumentException>(() => socket.JoinGroup(IPAddress.Parse("ff02::1:2")));
        Assert.Equal(WLSocketError.InvalidArgument, Assert.Throws<WLSocketException>(() => socket.SetMulticastInterface(IPAddress.Parse("203.0.113.7"))).Error);
        socket.EnableBroadcast = false;
        Assert.False(socket.EnableBroadcast);
    }

    internal static byte[] Ascii(string text) => System.Text.Encoding.ASCII.GetBytes(text);

    internal static Exception? Record(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
