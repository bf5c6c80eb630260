using System.Net;
using WLSockets.Internal;

namespace WLSockets.Transports;

/// <summary>
/// A connected, reliable byte stream (TCP today; TLS, Bluetooth ... later). Knows bytes, never messages.
/// </summary>
/// <remarks>
/// Every operation takes an <see cref="IOBehavior"/> so that blocking and awaiting callers share one code path,
/// and a <see cref="Deadline"/>. Failures are <see cref="WLSocketException"/>; an expired deadline is
/// <see cref="WLSocketError.Timeout"/>. One receive and one send may run at the same time.
/// </remarks>
internal abstract class Transport : IDisposable
{
    /// <summary>The peer's address, when the transport has one.</summary>
    public abstract EndPoint? RemoteEndPoint { get; }

    /// <summary>This side's address.</summary>
    public abstract EndPoint? LocalEndPoint { get; }

    /// <summary>Receives at least one byte, or returns 0 at the end of the stream.</summary>
    public abstract ValueTask<int> ReceiveAsync(Memory<byte> buffer, IOBehavior io, Deadline deadline, CancellationToken cancellationToken);

    /// <summary>
    /// True when an asynchronous receive into an empty buffer waits until bytes arrive (or the end of the stream) without
    /// consuming any: the reader then waits before it takes a buffer.
    /// </summary>
    public virtual bool WaitsOnEmptyReceive => false;

    /// <summary>Sends every byte of <paramref name="buffer"/>.</summary>
    public abstract ValueTask SendAsync(ReadOnlyMemory<byte> buffer, IOBehavior io, Deadline deadline, CancellationToken cancellationToken);

    /// <summary>Ends the sending direction (the peer reads end of stream after the bytes already sent).</summary>
    public abstract void ShutdownSend();

    /// <summary>Makes any blocked <see cref="ReceiveAsync"/> return promptly with <see cref="WLSocketError.ConnectionReset"/>.</summary>
    public abstract void InterruptReceive();

    /// <summary>
    /// Orderly close that loses nothing: wakes blocked receives, sends end of stream after every byte already
    /// sent, then reads and discards what the peer still sends until it closes too or <paramref name="linger"/>
    /// passes (closing with unread data would make the OS send a reset that can destroy data in flight).
    /// </summary>
    public abstract ValueTask CloseGracefullyAsync(TimeSpan linger);

    /// <summary>Closes at once; with <paramref name="reset"/>, the peer sees a reset (RST) instead of an orderly close.</summary>
    public abstract void Close(bool reset);

    /// <inheritdoc/>
    public void Dispose()
    {
        Close(reset: false);
        GC.SuppressFinalize(this);
    }
}
