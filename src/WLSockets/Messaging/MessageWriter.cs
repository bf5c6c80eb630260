using System.Buffers;
using WLSockets.Framing;
using WLSockets.Internal;
using WLSockets.Transports;

namespace WLSockets.Messaging;

/// <summary>
/// The send side of a connection: frames each message and writes it whole, one message at a time, so frames from
/// several threads never interleave.
/// </summary>
internal sealed class MessageWriter : IDisposable
{
    /// <summary>Messages up to this size are copied with their header into one buffer and sent in one call.</summary>
    private const int CoalesceLimit = 64 * 1024;
    private readonly Transport _transport;
    private readonly SemaphoreSlim _lock = new(1, 1);

    public MessageWriter(Transport transport) => _transport = transport;

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

            byte[] prefix = new byte[LengthPrefixFramer.MaxHeaderLength];
            int prefixLength = FrameEncoder.WritePrefix(framing.Mode, payload.Length, prefix);
            if (prefixLength > 0)
            {
                await _transport.SendAsync(prefix.AsMemory(0, prefixLength), io, deadline, cancellationToken).ConfigureAwait(false);
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
        try
        {
            if (!_lock.Wait(timeout))
            {
                return false;
            }
        }
        catch (ObjectDisposedException)
        {
            return true;
        }

        _lock.Release();
        return true;
    }

    private async ValueTask AcquireAsync(IOBehavior io, Deadline deadline, CancellationToken cancellationToken)
    {
        bool acquired = io == IOBehavior.Synchronous
            ? _lock.Wait(deadline.Remaining, cancellationToken)
            : await _lock.WaitAsync(deadline.Remaining, cancellationToken).ConfigureAwait(false);
        if (!acquired)
        {
            throw new WLSocketException(WLSocketError.Timeout, "Send timed out waiting for another send on this connection to finish: the peer is not reading.");
        }
    }

    /// <summary>
    /// Nothing to release: the semaphore owns no OS handle. It is deliberately not disposed, because a send that
    /// outlived the close's wait (a peer that does not read) still releases it on its way out, and disposing it
    /// would turn that send's real error into an <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
    }
}
