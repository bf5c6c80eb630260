using System.Net.Sockets;
using WLSockets.Tests;
using WLSockets.Tests.Fakes;

namespace WLSockets.Chat.Tests;

public class BroadcastTests
{
    [Fact]
    public async Task Fifty_clients_get_every_message_exactly_once_and_all_in_the_same_order()
    {
        const int Clients = 50;
        const int PerClient = 2;
        await using TestServer server = TestServer.Start();
        var clients = new ChatClient[Clients];
        for (int i = 0; i < Clients; i++)
        {
            clients[i] = await ChatClient.ConnectAsync("127.0.0.1", server.Port, $"c{i}", cancellationToken: Loopback.Ct).Within();
        }

        try
        {
            await server.WaitForClientsAsync(Clients);
            Task<List<string>>[] receiving = [.. clients.Select(c => ChatKit.ReceiveTextsAsync(c, Clients * PerClient + 1))];
            await Task.WhenAll(clients.Select(async (c, i) =>
            {
                for (int m = 0; m < PerClient; m++)
                {
                    await c.SendAsync($"m{m}", Loopback.Ct);
                }
            })).Within();
            // One more message once all were sent: if anything came twice, it would show up before this one.
            await ChatKit.UntilAsync(() => server.Server.MessagesReceived == Clients * PerClient, "every message to reach the server");
            await clients[0].SendAsync("end", Loopback.Ct).Within();

            List<string>[] received = await Task.WhenAll(receiving).Within();
            string[] expected = [.. Enumerable.Range(0, Clients).SelectMany(i => Enumerable.Range(0, PerClient).Select(m => $"c{i} : m{m}"))];
            foreach (List<string> texts in received)
            {
                Assert.Equal("c0 : end", texts[^1]);
                Assert.Equal(expected.Order(StringComparer.Ordinal), texts[..^1].Order(StringComparer.Ordinal));
                Assert.Equal(received[0], texts); // one ordered fan-out: the same order for everyone
                for (int i = 0; i < Clients; i++)
                {
                    Assert.True(texts.IndexOf($"c{i} : m0") < texts.IndexOf($"c{i} : m1"), $"c{i}'s messages arrived out of order");
                }
            }

            Assert.Equal(Clients * PerClient + 1, server.Server.MessagesReceived);
            Assert.All(server.Server.GetClients(), row =>
            {
                Assert.Equal(Clients * PerClient + 1, row.MessagesSent);
                Assert.Matches("^C[0-9a-f]{16}$", row.ChannelName);
            });
        }
        finally
        {
            foreach (ChatClient client in clients)
            {
                await client.DisposeAsync();
            }
        }

        await server.WaitForClientsAsync(0);
    }

    [Fact]
    public async Task BYE_closes_that_client_only()
    {
        await using TestServer server = TestServer.Start();
        using RawPeer leaving = await RawPeer.ConnectAsync(server.EndPoint);
        await using ChatClient staying = await ChatClient.ConnectAsync("127.0.0.1", server.Port, "Bob", cancellationToken: Loopback.Ct).Within();
        await server.WaitForClientsAsync(2);

        await leaving.SendAsync(ChatKit.Frame("BYE"));
        Assert.Empty(await leaving.ReadToEndAsync()); // closed by the server, and BYE itself is not broadcast
        await server.WaitForClientsAsync(1);
        Assert.Contains(server.Notices, n => n.Text.Contains("said BYE", StringComparison.Ordinal));

        await staying.SendAsync("still here", Loopback.Ct).Within();
        Assert.Equal("Bob : still here", (await staying.ReceiveAsync(Loopback.Ct).Within()).Text);
        Assert.Equal(1, server.Server.MessagesReceived);
    }

    [Fact]
    public async Task Clients_that_vanish_by_reset_or_silent_close_are_removed_and_the_others_go_on()
    {
        await using TestServer server = TestServer.Start();
        using RawPeer reset = await RawPeer.ConnectAsync(server.EndPoint);
        using RawPeer silent = await RawPeer.ConnectAsync(server.EndPoint);
        await using ChatClient staying = await ChatClient.ConnectAsync("127.0.0.1", server.Port, "Bob", cancellationToken: Loopback.Ct).Within();
        await server.WaitForClientsAsync(3);

        reset.Reset();
        silent.Socket.Shutdown(SocketShutdown.Both);
        silent.Dispose();
        await server.WaitForClientsAsync(1);
        Assert.Contains(server.Notices, n => n.Text.Contains("closed the connection", StringComparison.Ordinal));
        Assert.Contains(server.Notices, n => n.Text.Contains("vanished", StringComparison.Ordinal) || n.Text.Contains("closed the connection", StringComparison.Ordinal));

        await staying.SendAsync("anyone?", Loopback.Ct).Within();
        Assert.Equal("Bob : anyone?", (await staying.ReceiveAsync(Loopback.Ct).Within()).Text);
        Assert.Equal("127.0.0.1", Assert.Single(server.Server.GetClients()).Address.Address.ToString());
    }

    [Fact]
    public async Task A_client_that_cannot_keep_up_is_dropped_with_a_reason_and_does_not_slow_the_others()
    {
        await using TestServer server = TestServer.Start(o =>
        {
            o.ClientQueueLength = 8;
            o.ClientQueueBytes = 256 * 1024;
        });
        // A peer that never reads, with a tiny receive buffer: the server's writes to it soon block.
        using var stuck = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await stuck.ConnectAsync(server.EndPoint, Loopback.Ct).AsTask().Within();
        await using ChatClient talker = await ChatClient.ConnectAsync("127.0.0.1", server.Port, "T", cancellationToken: Loopback.Ct).Within();
        await server.WaitForClientsAsync(2);

        const int Messages = 300;
        string text = new('x', 50_000);
        for (int i = 0; i < Messages && server.Server.ClientCount == 2; i++)
        {
            // In step with its own echo: this client keeps up, whatever happens to the stuck one.
            await talker.SendAsync(text, Loopback.Ct).Within();
            Assert.Equal(50_000 + 4, (await talker.ReceiveAsync(Loopback.Ct).Within()).Text.Length);
        }

        await server.WaitForClientsAsync(1);
        Assert.Equal(1, server.Server.ClientsDropped);
        ChatNotice dropped = Assert.Single(server.Notices, n => n.Level == ChatNoticeLevel.Warning);
        Assert.Contains("dropped, too slow", dropped.Text, StringComparison.Ordinal);
    }
}
