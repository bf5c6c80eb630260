namespace WLSockets.Relay;

/// <summary>
/// The stream a trace writer owns (or borrows): writes and flushes stop once disposed, and disposing flushes, then closes
/// the stream unless it was lent. Not thread-safe: the writer calls it under its own lock.
/// </summary>
internal sealed class SinkOutput(Stream stream, bool leaveOpen) : IDisposable
{
    public bool IsDisposed { get; private set; }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (!IsDisposed)
        {
            stream.Write(bytes);
        }
    }

    public void Flush()
    {
        if (!IsDisposed)
        {
            stream.Flush();
        }
    }

    public void Dispose()
    {
        if (IsDisposed)
        {
            return;
        }

        IsDisposed = true;
        try
        {
            stream.Flush();
        }
        finally
        {
            if (!leaveOpen)
            {
                stream.Dispose();
            }
        }
    }
}
