using WLSockets.Framing;
using WLSockets.Tests.Fakes;
using WLSockets.Text;

namespace WLSockets.Tests;

/// <summary>Accepted connections inherit the listener's framing (S9); mode changes apply from the next call (F10).</summary>
public class ModeTests
{
    [Fact(Timeout = 30_000)]
    public async Task Accepted_connection_inherits_mode_marker_and_encoding_set_on_the_listener()
    {
        using var listener = MessageListener.Start("127.0.0.1", 0);
        listener.SetMode(TransmissionMode.EndTag, "##");
        listener.Encoding = WinDevEncodings.Utf16; // the text marker follows the encoding (F3)

        using RawPeer client = await RawPeer.ConnectAsync(listener.LocalEndPoint);
        using MessageConnection server = await listener.AcceptAsync(Loopback.Ct).Within();

        Assert.Equal(TransmissionMode.EndTag, server.Mode);
        Assert.Equal(1200, server.Encoding.CodePage);
        Assert.Equal([0x23, 0x00, 0x23, 0x00], server.Marker.ToArray());

        // And the inherited settings are the ones used on the wire.
        await client.SendAsync([0x48, 0x00, 0x69, 0x00, 0x23, 0x00, 0x23, 0x00]);
        Assert.Equal("Hi", await server.ReceiveStringAsync(Loopback.Ct).Within());
        await server.SendAsync("ok", Loopback.Ct).Within();
        Assert.Equal([0x6F, 0x00, 0x6B, 0x00, 0x23, 0x00, 0x23, 0x00], await client.ReadExactlyAsync(8));
    }

    [Fact(Timeout = 30_000)]
    public async Task Accepted_connection_inherits_options_given_at_start_and_a_byte_marker()
    {
        var options = new MessageConnectionOptions { Mode = TransmissionMode.NoEndTag, Encoding = WinDevEncodings.Utf8, MaxMessageSize = 1234, RawReadSize = 77 };
        using var listener = MessageListener.Start("127.0.0.1", 0, options);
        using (RawPeer first = await RawPeer.ConnectAsync(listener.LocalEndPoint))
        {
            using MessageConnection accepted = await listener.AcceptAsync(Loopback.Ct).Within();
            Assert.Equal(TransmissionMode.NoEndTag, accepted.Mode);
            Assert.Equal(65001, accepted.Encoding.CodePage);
            Assert.Equal(1234, accepted.MaxMessageSize);
            Assert.Equal(77, accepted.RawReadSize);
        }

        listener.Mode = TransmissionMode.EndTagBuffer;
        listener.SetMarker([0xFF, 0xFE]);
        listener.Encoding = WinDevEncodings.Utf16; // a byte marker is kept as is
        using RawPeer second = await RawPeer.ConnectAsync(listener.LocalEndPoint);
        using MessageConnection later = await listener.AcceptAsync(Loopback.Ct).Within();
        Assert.Equal(TransmissionMode.EndTagBuffer, later.Mode);
        Assert.Equal([0xFF, 0xFE], later.Marker.ToArray());
    }

    [Fact(Timeout = 30_000)]
    public async Task Changing_the_listener_does_not_change_connections_already_accepted()
    {
        using var listener = MessageListener.Start("127.0.0.1", 0);
        using RawPeer client = await RawPeer.ConnectAsync(listener.LocalEndPoint);
        using MessageConnection server = await listener.AcceptAsync(Loopback.Ct).Within();
        listener.SetMode(TransmissionMode.EndTag, Markers.CRLF);
        Assert.Equal(TransmissionMode.SizePrefixed, server.Mode);
        Assert.Equal("<EOF>"u8.ToArray(), server.Marker.ToArray());
    }

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Bytes_buffered_under_one_mode_are_read_under_the_next(bool sync)
    {
        // F10: one send from the peer carries a length-prefixed message, a marker-framed one, then raw bytes.
        using RawPair pair = await RawPair.StartAsync();
        await pair.Peer.SendAsync("5\r\nhelloabc<EOF>raw");
        MessageConnection c = pair.Connection;
        if (sync)
        {
            string[] read = await Loopback.OnThread(() =>
            {
                string first = c.ReceiveString(Loopback.Deadline);
                c.Mode = TransmissionMode.EndTagBuffer;
                string second = c.ReceiveString(Loopback.Deadline);
                c.Mode = TransmissionMode.NoEndTag;
                return new[] { first, second, c.ReceiveString(Loopback.Deadline) };
            }).Within();
            Assert.Equal(["hello", "abc", "raw"], read);
        }
        else
        {
            Assert.Equal("hello", await c.ReceiveStringAsync(Loopback.Ct).Within());
            c.Mode = TransmissionMode.EndTagBuffer;
            Assert.Equal("abc", await c.ReceiveStringAsync(Loopback.Ct).Within());
            c.Mode = TransmissionMode.NoEndTag;
            Assert.Equal("raw", await c.ReceiveStringAsync(Loopback.Ct).Within());
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task A_receive_already_waiting_completes_under_the_mode_it_started_with()
    {
        // F10: the change applies from the next call; the read in progress keeps its framing.
        using RawPair pair = await RawPair.StartAsync();
        Task<string> waiting = pair.Connection.ReceiveStringAsync(Loopback.Ct).AsTask();
        Assert.False(waiting.IsCompleted);
        pair.Connection.Mode = TransmissionMode.EndTag;
        await pair.Peer.SendAsync("3\r\nabcdef<EOF>");
        Assert.Equal("abc", await waiting.Within());
        Assert.Equal("def", await pair.Connection.ReceiveStringAsync(Loopback.Ct).Within());
    }

    [Fact(Timeout = 30_000)]
    public async Task Send_mode_change_applies_to_the_next_send()
    {
        using RawPair pair = await RawPair.StartAsync();
        MessageConnection c = pair.Connection;
        await c.SendAsync("a", Loopback.Ct).Within();
        c.Mode = TransmissionMode.EndTag;
        await c.SendAsync("b", Loopback.Ct).Within();
        c.SetMode(TransmissionMode.EndTagBuffer, Markers.EOT);
        await c.SendAsync("c", Loopback.Ct).Within();
        c.SetMarker("|");
        c.Mode = TransmissionMode.NoEndTag;
        await c.SendAsync("d", Loopback.Ct).Within();
        c.Mode = TransmissionMode.EndTag;
        await c.SendAsync("e", Loopback.Ct).Within();

        // "1" CR LF "a", "b<EOF>", "c" EOT, "d", "e|"
        Assert.Equal("1\r\nab<EOF>c\u0004de|"u8.ToArray(), await pair.Peer.ReadExactlyAsync(15));
    }

    [Fact(Timeout = 30_000)]
    public async Task Changing_the_encoding_reencodes_a_text_marker_for_the_next_call()
    {
        using RawPair pair = await RawPair.StartAsync(new MessageConnectionOptions { Mode = TransmissionMode.EndTag });
        pair.Connection.Encoding = WinDevEncodings.Utf16;
        await pair.Connection.SendAsync("A", Loopback.Ct).Within();
        Assert.Equal([0x41, 0x00, 0x3C, 0x00, 0x45, 0x00, 0x4F, 0x00, 0x46, 0x00, 0x3E, 0x00], await pair.Peer.ReadExactlyAsync(12));
    }

    [Fact]
    public void Invalid_mode_value_is_refused_and_the_mode_is_kept()
    {
        using var listener = MessageListener.Start("127.0.0.1", 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => listener.Mode = (TransmissionMode)9);
        Assert.Equal(TransmissionMode.SizePrefixed, listener.Mode);
    }
}
