using System.Collections.Concurrent;

namespace WLSockets.Tests.Reliability;

/// <summary>5,000 clients connecting at once to one listener, each exchanging a message.</summary>
public class ManyConnectionsTests
{
    private const int Clients = 5000;

    [Fact(Timeout = 180_000)]
    public async Task Five_thousand_connections_at_once_are_all_served()
    {
        // Both ends live in this process: 10,000 sockets, plus the listener's reserve of free descriptors.
        EnsureOpenFiles(12_000);
        await using var listener = MessageListener.Start("127.0.0.1", 0);
        var served = new ConcurrentBag<MessageConnection>();
        var acceptErrors = new ConcurrentBag<WLSocketException>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Loopback.Ct);
        Task acceptLoop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                MessageConnection connection;
                try
                {
                    connection = await listener.AcceptAsync(stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (WLSocketException ex)
                {
                    acceptErrors.Add(ex);
                    continue;
                }

                served.Add(connection);
                _ = Task.Run(async () =>
                {
                    byte[] message = await connection.ReceiveAsync(TimeSpan.FromSeconds(60), stop.Token);
                    await connection.SendAsync(message, stop.Token);
                });
            }
        }, Loopback.Ct);

        var options = new MessageConnectionOptions { ConnectTimeout = TimeSpan.FromSeconds(60) };
        MessageConnection[] clients = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ =>
            MessageConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, options, Loopback.Ct).AsTask())).WaitAsync(TimeSpan.FromSeconds(120), Loopback.Ct);
        try
        {
            string[] replies = await Task.WhenAll(clients.Select(async (client, i) =>
            {
                await client.SendAsync($"client {i}", Loopback.Ct);
                return await client.ReceiveStringAsync(TimeSpan.FromSeconds(60), Loopback.Ct);
            })).WaitAsync(TimeSpan.FromSeconds(120), Loopback.Ct);

            Assert.Empty(acceptErrors);
            Assert.Equal(Enumerable.Range(0, Clients).Select(i => $"client {i}"), replies);
            Assert.Equal(Clients, served.Count);
        }
        finally
        {
            await stop.CancelAsync();
            foreach (MessageConnection client in clients)
            {
                client.Abort();
            }

            foreach (MessageConnection connection in served)
            {
                connection.Abort();
            }

            await acceptLoop.WaitAsync(Loopback.Deadline, CancellationToken.None);
        }
    }

    /// <summary>Raises this process's soft RLIMIT_NOFILE to <paramref name="wanted"/> (within the hard limit), or skips.</summary>
    private static void EnsureOpenFiles(ulong wanted)
    {
        if (WLSockets.Transports.Tcp.DescriptorBudget.TryRaiseLimit(wanted) is { } why)
        {
            Assert.Skip($"this test needs {wanted} open files: {why}");
        }
    }
}
