using System.Buffers;
using System.Runtime.CompilerServices;
using WLSockets.Framing;
using WLSockets.Internal;
using WLSockets.Transports;

namespace WLSockets.Messaging;

/// <summary>
/// The send side of a connection: frames each message and writes it whole, one message at a time, so frames from
/// several threads never interleave.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification =
    "The semaphore never allocates a wait handle; disposing it would turn a send racing a close into ObjectDisposedException instead of a clean 'closed' error.")]
internal sealed class MessageWriter
{
    /// <summary>Messages up to this size are copied with their header into one buffer and sent in one call.</summary>
    private const int CoalesceLimit = 64 * 1024;
    private readonly Transport _transport;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly byte[] _prefix = new byte[LengthPrefixFramer.MaxHeaderLength];

    public MessageWriter(Transport transport) => _transport = transport;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteAsync(IOBehavior io, FramingState framing, ReadOnlyMemory<byte> payload, Deadline deadline, CancellationToken cancellationToken)
    {
        if (framing.Mode == TransmissionMode.NoEndTag && payload.IsEmpty)
        {
            return; // raw mode: nothing to send (open question F9)
        }

        await AcquireAsync(io, deadline, cancellationToken).ConfigureAwait(false);
        try
        {
            long frameLength = FrameEncoder.FrameLength(framing.Mode, payload.Length, framing.Marker.Length);
            if (frameLength <= CoalesceLimit)
            {
                byte[] frame = ArrayPool<byte>.Shared.Rent((int)frameLength);
                try
                {
                    int written = FrameEncoder.Write(framing.Mode, payload.Span, framing.Marker, frame);
                    await _transport.SendAsync(frame.AsMemory(0, written), io, deadline, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(frame);
                }

                return;
            }

            // A large message goes without a copy; its header from a buffer of this writer (sends hold the lock).
            int prefixLength = FrameEncoder.WritePrefix(framing.Mode, payload.Length, _prefix);
            if (prefixLength > 0)
            {
                await _transport.SendAsync(_prefix.AsMemory(0, prefixLength), io, deadline, cancellationToken).ConfigureAwait(false);
            }

            await _transport.SendAsync(payload, io, deadline, cancellationToken).ConfigureAwait(false);
            if (framing.Mode is TransmissionMode.EndTag or TransmissionMode.EndTagBuffer)
            {
                await _transport.SendAsync(framing.Marker, io, deadline, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (WLSocketException ex) when (ex.Error == WLSocketError.Timeout)
        {
            // Part of a frame may be on the wire: the stream can no longer be trusted.
            _transport.Close(reset: true);
            throw new WLSocketException(WLSocketError.Timeout,
                "Send timed out: the peer did not read for the whole send timeout. The connection was reset because part of a message may have been sent; reconnect, or raise SendTimeout for slow peers.", ex);
        }
        catch (OperationCanceledException)
        {
            _transport.Close(reset: true); // same reason: a cancelled send may have left half a frame
            throw;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Waits until no send is in progress (so a close does not cut a frame), within <paramref name="timeout"/>.</summary>
    public bool WaitIdle(TimeSpan timeout)
    {
        if (!_lock.Wait(timeout))
        {
            return false;
        }

        _lock.Release();
        return true;
    }

    private async ValueTask AcquireAsync(IOBehavior io, Deadline deadline, CancellationToken cancellationToken)
    {
        if (!await _lock.EnterAsync(io, deadline, cancellationToken).ConfigureAwait(false))
        {
            throw new WLSocketException(WLSocketError.Timeout, "Send timed out waiting for another send on this connection to finish: the peer is not reading.");
        }
    }
}
