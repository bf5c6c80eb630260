namespace WLSockets.Cli.Bench;

/// <summary>Counts what a bench server received and how many connections it holds; shared by every server.</summary>
internal sealed class ServerCounters
{
    private long _receivedBytes;
    private int _open;

    public long ReceivedBytes => Interlocked.Read(ref _receivedBytes);

    public int OpenConnections => Volatile.Read(ref _open);

    public void Received(int bytes) => Interlocked.Add(ref _receivedBytes, bytes);

    public void Opened() => Interlocked.Increment(ref _open);

    public void Closed() => Interlocked.Decrement(ref _open);
}
