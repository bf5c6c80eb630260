using System.Net;

namespace WLSockets.Tests;

/// <summary><see cref="MessageConnectionOptions.LocalEndPoint"/>: the outgoing connection comes from the address asked for.</summary>
public sealed class LocalEndPointTests
{
    [Fact]
    public async Task The_server_sees_the_chosen_local_address()
    {
        var options = new MessageConnectionOptions { LocalEndPoint = new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0) };
        using MessageListener listener = MessageListener.Start("127.0.0.1", 0);
        Task<MessageConnection> accept = listener.AcceptAsync(Loopback.Ct).AsTask();
        await using MessageConnection client = await MessageConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, options, Loopback.Ct).Within();
        await using MessageConnection server = await accept.Within();

        Assert.Equal(IPAddress.Parse("127.0.0.2"), server.RemoteEndPoint!.Address);
        Assert.Equal(IPAddress.Parse("127.0.0.2"), client.LocalEndPoint!.Address);
    }

    [Fact]
    public async Task A_local_address_not_on_this_machine_fails_with_a_clear_error()
    {
        // 192.0.2.1 (TEST-NET-1) is never assigned to a machine: the bind fails before any packet leaves.
        var options = new MessageConnectionOptions { LocalEndPoint = new IPEndPoint(IPAddress.Parse("192.0.2.1"), 0) };
        using MessageListener listener = MessageListener.Start("127.0.0.1", 0);
        var ex = await Assert.ThrowsAsync<WLSocketException>(() => MessageConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, options, Loopback.Ct).AsTask()).Within();
        Assert.Equal(WLSocketError.AddressInUse, ex.Error);
        Assert.Contains("192.0.2.1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_local_address_of_another_family_than_the_server_fails_before_connecting()
    {
        var options = new MessageConnectionOptions { LocalEndPoint = new IPEndPoint(IPAddress.IPv6Loopback, 0) };
        using MessageListener listener = MessageListener.Start("127.0.0.1", 0);
        var ex = await Assert.ThrowsAsync<WLSocketException>(() => MessageConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, options, Loopback.Ct).AsTask()).Within();
        Assert.Equal(WLSocketError.HostNotFound, ex.Error);
    }
}
