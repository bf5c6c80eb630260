namespace WLSockets.Cli.Bench;

/// <summary>
/// The accept loop, counters and shutdown shared by the in-process bench servers: accepts until disposed, serves each
/// connection on its own task, and closes them all at the end.
/// </summary>
/// <typeparam name="TConnection">An accepted connection (a socket, a <see cref="MessageConnection"/>).</typeparam>
internal abstract class AcceptingServer<TConnection> : IBenchServer
    where TConnection : class
{
    private readonly List<TConnection> _connections = [];
    private Task _accepting = Task.CompletedTask;

    protected AcceptingServer(ServerRole role) => Role = role;

    public abstract System.Net.IPEndPoint EndPoint { get; }

    public long ReceivedBytes => Counters.ReceivedBytes;

    public int OpenConnections => Counters.OpenConnections;

    protected ServerRole Role { get; }

    protected ServerCounters Counters { get; } = new();

    protected CancellationTokenSource Stopping { get; } = new();

    /// <summary>Call once the listener is ready.</summary>
    protected void StartAccepting() => _accepting = AcceptAllAsync();

    protected abstract ValueTask<TConnection> AcceptAsync(CancellationToken cancellationToken);

    /// <summary>Echoes or counts until the client leaves or the server stops; throws only what <see cref="IsExpected"/> accepts.</summary>
    protected abstract Task ServeAsync(TConnection connection);

    protected abstract void Close(TConnection connection);

    protected abstract void StopListening();

    /// <summary>The failures that mean "the client left or the server stops".</summary>
    protected abstract bool IsExpected(Exception exception);

    private async Task AcceptAllAsync()
    {
        try
        {
            while (true)
            {
                TConnection connection = await AcceptAsync(Stopping.Token);
                lock (_connections)
                {
                    _connections.Add(connection);
                }

                _ = ServeOneAsync(connection);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException || IsExpected(ex))
        {
            // Stopped.
        }
    }

    private async Task ServeOneAsync(TConnection connection)
    {
        Counters.Opened();
        try
        {
            await ServeAsync(connection);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException || IsExpected(ex))
        {
            // The client left, or the server stops.
        }
        finally
        {
            Counters.Closed();
            Close(connection);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Stopping.CancelAsync();
        StopListening();
        lock (_connections)
        {
            foreach (TConnection connection in _connections)
            {
                Close(connection);
            }
        }

        await _accepting;
        Stopping.Dispose();
        GC.SuppressFinalize(this);
    }
}
