using System.Net.Sockets;
using System.Text;
using WLSockets.Tests.Fakes;
using WLSockets.Transports.Bluetooth;
using WLSockets.Transports.Tcp;
using WLSockets.WLangage;
using static WLSockets.WLangage.Fonctions;
using Socket = System.Net.Sockets.Socket;

namespace WLSockets.Tests.Bluetooth;

/// <summary>
/// The Bluetooth stream path end to end: a native stream descriptor wrapped as RFCOMM ones are, carried by the same
/// transport, connection and listener code as an RFCOMM socket. A Unix-domain socket pair stands in for the radio.
/// </summary>
public class RfcommStreamPathTests
{
    private static readonly BluetoothEndPoint s_peer = new(BluetoothAddress.Parse("00:1A:7D:DA:71:13"), 5);

    private static (MessageConnection Connection, Socket Raw) Pair(MessageConnectionOptions? options = null)
    {
        if (!NativeSocketPair.IsSupported)
        {
            Assert.Skip("The socket pair standing in for RFCOMM is made with Linux libc socketpair().");
        }

        (Socket a, Socket b) = NativeSocketPair.Create();
        return (new MessageConnection(new TcpTransport(a, s_peer, null), options ?? new MessageConnectionOptions()), b);
    }

    private static string ReadRaw(Socket raw, int count)
    {
        byte[] buffer = new byte[count];
        int read = 0;
        raw.ReceiveTimeout = (int)Loopback.Deadline.TotalMilliseconds;
        while (read < count)
        {
            int n = raw.Receive(buffer, read, count - read, SocketFlags.None);
            Assert.True(n > 0, "end of stream before the expected bytes");
            read += n;
        }

        return Encoding.Latin1.GetString(buffer);
    }

    [Fact]
    public void Sends_the_size_prefixed_framing_by_default()
    {
        (MessageConnection connection, Socket raw) = Pair();
        using (connection)
        using (raw)
        {
            connection.Send("Hello");
            connection.Send("é");
            Assert.Equal("5\r\nHello1\r\n\u00e9", ReadRaw(raw, 12));
        }
    }

    [Fact]
    public async Task Receives_a_message_split_across_writes()
    {
        (MessageConnection connection, Socket raw) = Pair();
        using (connection)
        using (raw)
        {
            Task<string> receive = connection.ReceiveStringAsync(Loopback.Deadline, Loopback.Ct).AsTask();
            raw.Send(Encoding.ASCII.GetBytes("5\r\nHel"));
            raw.Send(Encoding.ASCII.GetBytes("lo"));
            Assert.Equal("Hello", await receive.Within());
        }
    }

    [Fact]
    public void A_receive_timeout_keeps_the_partial_message()
    {
        (MessageConnection connection, Socket raw) = Pair();
        using (connection)
        using (raw)
        {
            raw.Send(Encoding.ASCII.GetBytes("5\r\nHe"));
            var timeout = Assert.Throws<WLSocketException>(() => connection.ReceiveString(TimeSpan.FromMilliseconds(150)));
            Assert.Equal(WLSocketError.Timeout, timeout.Error);
            raw.Send(Encoding.ASCII.GetBytes("llo"));
            Assert.Equal("Hello", connection.ReceiveString(Loopback.Deadline));
        }
    }

    [Fact]
    public async Task An_awaited_receive_times_out_too()
    {
        (MessageConnection connection, Socket raw) = Pair();
        using (connection)
        using (raw)
        {
            var timeout = await Assert.ThrowsAsync<WLSocketException>(() => connection.ReceiveStringAsync(TimeSpan.FromMilliseconds(150), Loopback.Ct).AsTask().Within());
            Assert.Equal(WLSocketError.Timeout, timeout.Error);
        }
    }

    [Fact]
    public void The_peer_closing_is_end_of_stream()
    {
        (MessageConnection connection, Socket raw) = Pair();
        using (connection)
        {
            raw.Send(Encoding.ASCII.GetBytes("3\r\nbye"));
            raw.Dispose();
            Assert.Equal("bye", connection.ReceiveString(Loopback.Deadline));
            var end = Assert.Throws<WLSocketException>(() => connection.ReceiveString(Loopback.Deadline));
            Assert.Equal(WLSocketError.ConnectionClosed, end.Error);
        }
    }

    [Fact]
    public async Task Close_delivers_what_was_sent_then_end_of_stream()
    {
        (MessageConnection connection, Socket raw) = Pair();
        using (raw)
        {
            connection.Send("bye");
            Task closing = connection.CloseAsync();
            Assert.Equal("3\r\nbye", ReadRaw(raw, 6));
            Assert.Equal(0, raw.Receive(new byte[1])); // end of stream after the bytes already sent
            raw.Dispose();
            await closing.WaitAsync(Loopback.Deadline, Loopback.Ct);
        }
    }

    [Fact]
    public async Task Closing_from_another_thread_wakes_a_blocked_receive()
    {
        if (!NativeSocketPair.IsSupported)
        {
            Assert.Skip("The socket pair standing in for RFCOMM is made with Linux libc socketpair().");
        }

        (Socket a, Socket raw) = NativeSocketPair.Create();
        var transport = new SignallingTransport(new TcpTransport(a, s_peer, null));
        var connection = new MessageConnection(transport, new MessageConnectionOptions());
        using (raw)
        {
            Task<WLSocketException> blocked = Task.Run(() => Assert.Throws<WLSocketException>(() => connection.ReceiveString(Loopback.Deadline)), Loopback.Ct);
            await transport.ReceiveStarted.Task.WaitAsync(Loopback.Deadline, Loopback.Ct);
            connection.Abort();
            WLSocketException ex = await blocked.Within();
            Assert.Equal(WLSocketError.ConnectionReset, ex.Error);
        }
    }

    [Fact]
    public void The_facade_reads_writes_and_describes_the_peer_as_a_bluetooth_device()
    {
        (MessageConnection connection, Socket raw) = Pair();
        using (raw)
        {
            string name = WLangage.FacadeTestSupport.UniqueName("bt");
            SocketRegistry.Add(NamedSocket.ForConnection(name, SocketKind.Client, connection, SocketMedium.Bluetooth));
            Assert.Equal("00:1A:7D:DA:71:13", SocketClientInfo(name, SocketAdresse));
            Assert.Equal("5", SocketClientInfo(name, SocketPort));

            Assert.True(SocketChangeModeTransmission(name, SocketSansMarqueurFin), ErreurInfo());
            Assert.True(SocketEcrit(name, "AT\r"), ErreurInfo());
            Assert.Equal("AT\r", ReadRaw(raw, 3));
            raw.Send(Encoding.ASCII.GetBytes("OK"));
            Assert.Equal("OK", (string)SocketLit(name, true));

            SocketFerme(name);
            Assert.False(SocketExiste(name));
            Assert.Equal(0, raw.Receive(new byte[1]));
        }
    }

    [Fact]
    public void The_listener_accepts_through_the_native_accept_path()
    {
        if (!NativeSocketPair.IsSupported)
        {
            Assert.Skip("The native accept path (libc accept4) is the Linux RFCOMM path.");
        }

        string path = Path.Combine(Path.GetTempPath(), $"wlsock-bt-{Guid.NewGuid():N}.sock");
        var listening = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listening.Bind(new UnixDomainSocketEndPoint(path));
        listening.Listen();
        Assert.True(LinuxSocketCalls.SetNonBlocking((int)listening.Handle, true));
        using var listener = new MessageListener(listening, 7, new MessageConnectionOptions());
        try
        {
            Assert.Equal(7, listener.LocalEndPoint.Port);
            Assert.False(listener.WaitForConnection(TimeSpan.FromMilliseconds(50)));
            Assert.Throws<WLSocketException>(() => listener.AcceptPending());

            using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            client.Connect(new UnixDomainSocketEndPoint(path));
            Assert.True(listener.WaitForConnection(Loopback.Deadline));
            using MessageConnection accepted = listener.AcceptPending();
            client.Send(Encoding.ASCII.GetBytes("2\r\nhi"));
            Assert.Equal("hi", accepted.ReceiveString(Loopback.Deadline));
            accepted.Send("ok");
            client.ReceiveTimeout = (int)Loopback.Deadline.TotalMilliseconds;
            byte[] reply = new byte[5];
            int n = 0;
            while (n < 5)
            {
                n += client.Receive(reply, n, 5 - n, SocketFlags.None);
            }

            Assert.Equal("2\r\nok", Encoding.ASCII.GetString(reply));

            using var second = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            second.Connect(new UnixDomainSocketEndPoint(path));
            Assert.Equal("ok", ReceiveAccepted(listener));
        }
        finally
        {
            File.Delete(path);
        }

        static string ReceiveAccepted(MessageListener listener)
        {
            using MessageConnection connection = listener.Accept(Loopback.Deadline);
            connection.Send("x");
            return "ok";
        }
    }
}
