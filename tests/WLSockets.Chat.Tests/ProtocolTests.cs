using WLSockets.Text;
using System.Text;
using WLSockets.Chat.Rtf;
using WLSockets.Tests;
using WLSockets.Tests.Fakes;

namespace WLSockets.Chat.Tests;

/// <summary>The bytes of the WinDev chat example (examples.md §1.2), with raw sockets playing the WinDev side.</summary>
public class ProtocolTests
{
    [Fact]
    public async Task A_WinDev_client_message_comes_back_byte_for_byte_to_every_client_including_the_sender()
    {
        await using TestServer server = TestServer.Start();
        using RawPeer alice = await RawPeer.ConnectAsync(server.EndPoint);
        using RawPeer bob = await RawPeer.ConnectAsync(server.EndPoint);
        await server.WaitForClientsAsync(2);

        byte[] wire = Convert.FromHexString("31330D0A416C696365203A2053616C7574"); // "13\r\nAlice : Salut"
        await alice.SendAsync(wire);
        Assert.Equal(wire, await alice.ReadExactlyAsync(wire.Length));
        Assert.Equal(wire, await bob.ReadExactlyAsync(wire.Length));
    }

    [Fact]
    public async Task A_WinDev_RTF_message_with_Windows_1252_bytes_is_relayed_unchanged()
    {
        await using TestServer server = TestServer.Start();
        using RawPeer alice = await RawPeer.ConnectAsync(server.EndPoint);
        using RawPeer bob = await RawPeer.ConnectAsync(server.EndPoint);
        await server.WaitForClientsAsync(2);

        // An RTF document as a rich-text control writes it, plus raw Windows-1252 bytes (E9 = é) a peer might send.
        byte[] payload = [.. Encoding.ASCII.GetBytes(RtfMessage.Build("Zoé", "café")), 0xE9, 0x00, 0xFF];
        byte[] wire = ChatKit.Frame(payload);
        await alice.SendAsync(wire);
        Assert.Equal(wire, await bob.ReadExactlyAsync(wire.Length));
        Assert.Equal(wire, await alice.ReadExactlyAsync(wire.Length));
    }

    [Fact]
    public async Task Our_client_sends_nick_colon_text_in_the_default_framing_and_BYE_when_closing()
    {
        using RawServer windevServer = RawServer.Start();
        Task<RawPeer> accepted = windevServer.AcceptAsync();
        ChatClient client = await ChatClient.ConnectAsync("127.0.0.1", windevServer.Port, "Alice", cancellationToken: Loopback.Ct).Within();
        using RawPeer peer = await accepted;

        await client.SendAsync("Salut à tous", Loopback.Ct).Within();
        // "Alice : Salut " + E0 (à in Windows-1252) + " tous": 20 bytes.
        Assert.Equal(Convert.FromHexString("32300D0A416C696365203A2053616C757420E020746F7573"), await peer.ReadExactlyAsync(24));

        await client.DisposeAsync();
        Assert.Equal("3\r\nBYE"u8.ToArray(), await peer.ReadToEndAsync());
    }

    [Fact]
    public async Task Our_client_with_rtf_sends_the_WinDev_rich_text_document()
    {
        using RawServer windevServer = RawServer.Start();
        Task<RawPeer> accepted = windevServer.AcceptAsync();
        await using ChatClient client = await ChatClient.ConnectAsync("127.0.0.1", windevServer.Port, "Alice", rtf: true, Loopback.Ct).Within();
        using RawPeer peer = await accepted;

        await client.SendAsync("Salut", Loopback.Ct).Within();
        const string Document = "{\\rtf1\\ansi\\ansicpg1252\\deff0\\deflang1036{\\fonttbl{\\f0\\fnil\\fcharset0 Tahoma;}}\r\n" +
            "\\viewkind4\\uc1\\pard\\b\\f0\\fs16 Alice : \\b0 Salut\\par\r\n}\r\n";
        Assert.Equal(ChatKit.Frame(Encoding.ASCII.GetBytes(Document)), await peer.ReadExactlyAsync(3 + 2 + Document.Length));
    }

    [Fact]
    public async Task Our_client_shows_WinDev_RTF_and_ANSI_messages_as_text_and_skips_blank_ones()
    {
        using RawServer windevServer = RawServer.Start();
        Task<RawPeer> accepted = windevServer.AcceptAsync();
        await using ChatClient client = await ChatClient.ConnectAsync("127.0.0.1", windevServer.Port, "Bob", cancellationToken: Loopback.Ct).Within();
        using RawPeer peer = await accepted;

        await peer.SendAsync([.. ChatKit.Frame(""), .. ChatKit.Frame("  "), .. ChatKit.Frame(RtfMessage.Build("Zoé", "ça va ?")), .. ChatKit.Frame("Luc : été")]);
        ChatLine rtf = await client.ReceiveAsync(Loopback.Ct).Within();
        Assert.True(rtf.WasRtf);
        Assert.Equal("Zoé : ça va ?", rtf.Text);
        Assert.Equal("Zoé", rtf.Nickname);
        Assert.Equal("ça va ?", rtf.Body);
        ChatLine plain = await client.ReceiveAsync(Loopback.Ct).Within();
        Assert.False(plain.WasRtf);
        Assert.Equal("Luc : été", plain.Text);
        Assert.Equal([0x4C, 0x75, 0x63, 0x20, 0x3A, 0x20, 0xE9, 0x74, 0xE9], plain.Raw);
    }

    [Fact]
    public async Task An_empty_message_is_not_broadcast_as_in_WinDev()
    {
        await using TestServer server = TestServer.Start();
        using RawPeer alice = await RawPeer.ConnectAsync(server.EndPoint);
        await server.WaitForClientsAsync(1);

        await alice.SendAsync([.. ChatKit.Frame(""), .. ChatKit.Frame("A : x")]);
        Assert.Equal(ChatKit.Frame("A : x"), await alice.ReadExactlyAsync(8));
        Assert.Equal(1, server.Server.MessagesReceived);
    }

    [Fact]
    public async Task An_empty_text_is_refused_by_the_client_as_by_WinDev()
    {
        using RawServer windevServer = RawServer.Start();
        Task<RawPeer> accepted = windevServer.AcceptAsync();
        await using ChatClient client = await ChatClient.ConnectAsync("127.0.0.1", windevServer.Port, "Bob", cancellationToken: Loopback.Ct).Within();
        using RawPeer peer = await accepted;
        await Assert.ThrowsAsync<ArgumentException>(async () => await client.SendAsync("", Loopback.Ct));
        Assert.True(ChatProtocol.IsBye("BYE"u8));
        Assert.False(ChatProtocol.IsBye("bye"u8));
        Assert.Equal("Alice : hi", ChatProtocol.PlainMessage("Alice", "hi"));
    }
}
