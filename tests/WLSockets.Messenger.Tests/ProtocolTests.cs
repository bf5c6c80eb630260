using System.Net;
using System.Net.Sockets;
using System.Text;
using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.Messenger.Tests;

/// <summary>
/// Byte-exact protocol of "WD Messagerie Instantanée" (spec examples.md §1.1): a raw socket in the test plays the
/// WinDev instance at 127.0.0.3, our instance runs at 127.0.0.2.
/// </summary>
public sealed class ProtocolTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private Node _node = null!;

    private IPEndPoint Chat => _node.Messenger.ChatEndPoint;

    public async ValueTask InitializeAsync()
    {
        _node = (await Net.StartAsync(_folder, 2))[0];
        _node.Messenger.Contacts.Add("WinDev", "127.0.0.3", null);
    }

    public async ValueTask DisposeAsync()
    {
        await _node.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Presence_accepts_the_connection_and_closes_it_without_a_byte()
    {
        using Socket probe = await Net.ConnectRawAsync(Net.Ip(3), _node.Messenger.PresenceEndPoint);
        Assert.Empty(await Net.ReadToEndAsync(probe));
    }

    [Fact]
    public async Task A_known_requester_gets_2_CRLF_OK_then_messages_flow_in_the_default_framing()
    {
        using Socket windev = await Net.ConnectRawAsync(Net.Ip(3), Chat);
        Assert.Equal("2\r\nOK"u8.ToArray(), await Net.ReadExactAsync(windev, 5));
        MessengerEventArgs opened = await _node.WaitForAsync(e => e.Kind == MessengerEventKind.ConversationOpened, "the conversation");
        Assert.True(opened.Conversation!.IsIncoming);

        await windev.SendAsync("5\r\nHello"u8.ToArray(), Tools.Token);
        await _node.WaitForMessageAsync("WinDev", "Hello");

        // Windows-1252, byte count: "Salut é" is 7 bytes, é = E9.
        await opened.Conversation.SendAsync("Salut é", Tools.Token);
        Assert.Equal(new byte[] { 0x37, 0x0D, 0x0A, 0x53, 0x61, 0x6C, 0x75, 0x74, 0x20, 0xE9 }, await Net.ReadExactAsync(windev, 10));

        // A message cut anywhere by TCP still arrives whole.
        await windev.SendAsync("1"u8.ToArray(), Tools.Token);
        await windev.SendAsync("1\r\nHello "u8.ToArray(), Tools.Token);
        await windev.SendAsync("world"u8.ToArray(), Tools.Token);
        await _node.WaitForMessageAsync("WinDev", "Hello world");
    }

    [Theory]
    [InlineData("DEMANDE_ARRET")]
    [InlineData("demande_arret")]
    [InlineData("  Demande_Arret \r\n")]
    [InlineData("DEMANDE _ARRÊT")]
    public async Task DEMANDE_ARRET_in_any_case_and_spacing_ends_the_conversation_and_closes(string stop)
    {
        using Socket windev = await Net.ConnectRawAsync(Net.Ip(3), Chat);
        Assert.Equal("2\r\nOK"u8.ToArray(), await Net.ReadExactAsync(windev, 5));
        await windev.SendAsync(Net.Frame(stop), Tools.Token);

        await _node.WaitForEndAsync("WinDev", ConversationEndReason.Peer);
        Assert.Empty(await Net.ReadToEndAsync(windev)); // closed, nothing more sent (no DEMANDE_ARRET echoed)
        Assert.Empty(_node.Messenger.Conversations);
        Assert.DoesNotContain(_node.Events, e => e.Kind == MessengerEventKind.MessageReceived);
    }

    [Fact]
    public async Task A_near_miss_is_an_ordinary_message()
    {
        using Socket windev = await Net.ConnectRawAsync(Net.Ip(3), Chat);
        await Net.ReadExactAsync(windev, 5);
        await windev.SendAsync(Net.Frame("DEMANDE_ARRET!"), Tools.Token);
        await _node.WaitForMessageAsync("WinDev", "DEMANDE_ARRET!");
        Assert.Single(_node.Messenger.Conversations);
    }

    [Fact]
    public async Task Ending_from_our_side_sends_13_CRLF_DEMANDE_ARRET_then_closes()
    {
        using Socket windev = await Net.ConnectRawAsync(Net.Ip(3), Chat);
        await Net.ReadExactAsync(windev, 5);
        MessengerEventArgs opened = await _node.WaitForAsync(e => e.Kind == MessengerEventKind.ConversationOpened, "the conversation");

        await opened.Conversation!.EndAsync();

        Assert.Equal("13\r\nDEMANDE_ARRET"u8.ToArray(), await Net.ReadToEndAsync(windev));
        await _node.WaitForEndAsync("WinDev", ConversationEndReason.Local);
    }

    [Fact]
    public async Task An_unknown_requester_is_refused_and_its_connection_closed_at_once()
    {
        using Socket stranger = await Net.ConnectRawAsync(Net.Ip(9), Chat);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Empty(await Net.ReadToEndAsync(stranger));
        MessengerEventArgs refused = await _node.WaitForAsync(e => e.Kind == MessengerEventKind.RequestRefused, "the refusal");
        Assert.Equal(Net.Ip(9), refused.Address);
        Assert.Empty(_node.Messenger.Conversations);
        // WinDev leaves it open and the requester waits its full 2000 ms; here the end of stream comes first.
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(2000), $"closed after {clock.Elapsed}");
    }

    [Fact]
    public async Task A_second_request_while_a_conversation_is_open_gets_NON_DISPO_and_is_closed()
    {
        using Socket first = await Net.ConnectRawAsync(Net.Ip(3), Chat);
        Assert.Equal("2\r\nOK"u8.ToArray(), await Net.ReadExactAsync(first, 5));

        using Socket second = await Net.ConnectRawAsync(Net.Ip(3), Chat);
        Assert.Equal("9\r\nNON_DISPO"u8.ToArray(), await Net.ReadToEndAsync(second));

        // The first conversation is untouched.
        await first.SendAsync(Net.Frame("still here"), Tools.Token);
        await _node.WaitForMessageAsync("WinDev", "still here");
    }

    [Fact]
    public async Task Our_request_comes_from_our_address_and_OK_opens_the_conversation()
    {
        (Socket acceptor, Task<ChatRequestResult> request) = await RequestToWinDevAsync();
        using Socket _ = acceptor;
        Assert.Equal(Net.Ip(2), ((IPEndPoint)acceptor.RemoteEndPoint!).Address); // identified by IP: must come from the bind address
        await acceptor.SendAsync("2\r\nOK"u8.ToArray(), Tools.Token);

        ChatRequestResult result = await request.WaitAsync(Tools.Timeout, Tools.Token);
        Assert.Equal(ChatRequestOutcome.Accepted, result.Outcome);
        Assert.False(result.Conversation!.IsIncoming);

        await result.Conversation.SendAsync("Bonjour", Tools.Token);
        Assert.Equal("7\r\nBonjour"u8.ToArray(), await Net.ReadExactAsync(acceptor, 10));
        await acceptor.SendAsync(Net.Frame("DEMANDE_ARRET"), Tools.Token);
        await _node.WaitForEndAsync("WinDev", ConversationEndReason.Peer);
    }

    [Theory]
    [InlineData("9\r\nNON_DISPO", ChatRequestOutcome.NotAvailable)]
    [InlineData("", ChatRequestOutcome.NoAnswer)] // closed without a word (our own refusal of an unknown requester)
    [InlineData("3\r\nKO!", ChatRequestOutcome.NoAnswer)]
    public async Task Other_answers_to_our_request(string answer, ChatRequestOutcome expected)
    {
        (Socket acceptor, Task<ChatRequestResult> request) = await RequestToWinDevAsync();
        using (acceptor)
        {
            await acceptor.SendAsync(Encoding.ASCII.GetBytes(answer), Tools.Token);
            acceptor.Shutdown(SocketShutdown.Send);
            ChatRequestResult result = await request.WaitAsync(Tools.Timeout, Tools.Token);
            Assert.Equal(expected, result.Outcome);
            Assert.Null(result.Conversation);
        }

        Assert.Empty(_node.Messenger.Conversations);
    }

    [Fact]
    public async Task Silence_after_the_request_is_no_answer_after_the_2000_ms_wait()
    {
        (Socket acceptor, Task<ChatRequestResult> request) = await RequestToWinDevAsync();
        using Socket _ = acceptor; // WinDev's quirk: open, silent
        ChatRequestResult result = await request.WaitAsync(Tools.Timeout, Tools.Token);
        Assert.Equal(ChatRequestOutcome.NoAnswer, result.Outcome);
        Assert.Contains("Timeout", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_scan_sees_a_WinDev_presence_listener_come_and_go()
    {
        var windev = new TcpListener(Net.Ip(3), _node.Messenger.PresenceEndPoint.Port);
        windev.Start();
        Task<Socket> probe = windev.AcceptSocketAsync(Tools.Token).AsTask();
        Assert.Equal(["WinDev"], (await _node.Messenger.ScanAsync(Tools.Token)).Select(c => c.Name));
        using (Socket accepted = await probe.WaitAsync(Tools.Timeout, Tools.Token))
        {
            Assert.Equal(Net.Ip(2), ((IPEndPoint)accepted.RemoteEndPoint!).Address);
            Assert.Empty(await Net.ReadToEndAsync(accepted)); // the probe sends nothing and closes
        }

        await _node.WaitForAsync(e => e.Kind == MessengerEventKind.ContactOnline && e.Contact!.Name == "WinDev", "WinDev online");
        windev.Stop();
        Assert.Empty(await _node.Messenger.ScanAsync(Tools.Token));
        await _node.WaitForAsync(e => e.Kind == MessengerEventKind.ContactOffline && e.Contact!.Name == "WinDev", "WinDev offline");
    }

    /// <summary>Our instance asks the WinDev side (a listener on 127.0.0.3) for a chat; returns the accepted socket and the pending request.</summary>
    private async Task<(Socket Acceptor, Task<ChatRequestResult> Request)> RequestToWinDevAsync()
    {
        var windev = new TcpListener(Net.Ip(3), Chat.Port);
        windev.Start();
        try
        {
            Task<Socket> accepted = windev.AcceptSocketAsync(Tools.Token).AsTask();
            Task<ChatRequestResult> request = _node.Messenger.RequestChatAsync(_node.Contact("WinDev"), Tools.Token);
            return (await accepted.WaitAsync(Tools.Timeout, Tools.Token), request);
        }
        finally
        {
            windev.Stop(); // the accepted socket stays open
        }
    }
}
