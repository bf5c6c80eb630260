using System.Net;
using System.Net.Sockets;
using WLSockets.Internal;

namespace WLSockets.Transports.Tcp;

/// <summary>A connected stream socket (TCP, or Bluetooth RFCOMM) as a <see cref="Transport"/>.</summary>
/// <remarks>
/// Blocking receives wait with <see cref="Socket.Poll(TimeSpan, SelectMode)"/> in short slices, so that a close
/// from another thread is noticed promptly and a receive only ever reads bytes that are already there.
/// </remarks>
internal sealed class TcpTransport : Transport
{
    private static readonly TimeSpan s_pollSlice = TimeSpan.FromMilliseconds(100);
    private readonly Socket _socket;
    private readonly CancellationTokenSource _interrupt = new();
    private readonly EndPoint? _remote;
    private readonly EndPoint? _local;
    private int _sendTimeoutMs;
    private volatile bool _closed;
    private volatile bool _receiveInterrupted;

    public TcpTransport(Socket socket)
        : this(socket, socket.RemoteEndPoint, socket.LocalEndPoint)
    {
    }

    /// <summary>
    /// For stream sockets of a family the BCL cannot describe (RFCOMM on Linux): the caller gives the addresses.
    /// Every socket call used here (poll, send, receive, shutdown, SO_LINGER) works on any stream socket.
    /// </summary>
    public TcpTransport(Socket socket, EndPoint? remote, EndPoint? local)
    {
        _socket = socket;
        _remote = remote;
        _local = local;
    }

    public Socket Socket => _socket;

    public override EndPoint? RemoteEndPoint => _remote;

    public override EndPoint? LocalEndPoint => _local;

    public override async ValueTask<int> ReceiveAsync(Memory<byte> buffer, IOBehavior io, Deadline deadline, CancellationToken cancellationToken)
    {
        if (io == IOBehavior.Synchronous || deadline.HasExpired)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ReceiveBlocking(buffer.Span, deadline);
        }

        ThrowIfReceiveInterrupted();
        CancellationTokenSource? linked = null;
        CancellationToken token = _interrupt.Token;
        if (cancellationToken.CanBeCanceled || !deadline.IsInfinite)
        {
            linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _interrupt.Token);
            if (!deadline.IsInfinite)
            {
                linked.CancelAfter(deadline.Remaining);
            }

            token = linked.Token;
        }

        try
        {
            return await _socket.ReceiveAsync(buffer, SocketFlags.None, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            ThrowIfReceiveInterrupted();
            throw SocketErrors.TimedOut("Receive");
        }
        catch (SocketException ex)
        {
            ThrowIfReceiveInterrupted();
            throw SocketErrors.Map(ex, "Receive");
        }
        catch (ObjectDisposedException)
        {
            throw SocketErrors.Closed("Receive");
        }
        finally
        {
            linked?.Dispose();
        }
    }

    private int ReceiveBlocking(Span<byte> buffer, Deadline deadline)
    {
        try
        {
            while (true)
            {
                ThrowIfReceiveInterrupted();
                TimeSpan slice = deadline.IsInfinite ? s_pollSlice : Min(deadline.Remaining, s_pollSlice);
                if (_socket.Poll(slice, SelectMode.SelectRead))
                {
                    // Closed locally while polling: the socket may have woken because the close made the peer answer
                    // with its own end of stream; report the local close, not that end (nor bytes the close drains).
                    ThrowIfReceiveInterrupted();
                    int n = _socket.Receive(buffer, SocketFlags.None, out SocketError error);
                    if (error == SocketError.Success)
                    {
                        return n;
                    }

                    if (error != SocketError.WouldBlock)
                    {
                        ThrowIfReceiveInterrupted();
                        throw SocketErrors.Map(new SocketException((int)error), "Receive");
                    }
                }

                if (deadline.HasExpired)
                {
                    throw SocketErrors.TimedOut("Receive");
                }
            }
        }
        catch (ObjectDisposedException)
        {
            throw SocketErrors.Closed("Receive");
        }
        catch (SocketException ex)
        {
            ThrowIfReceiveInterrupted();
            throw SocketErrors.Map(ex, "Receive");
        }
    }

    public override async ValueTask SendAsync(ReadOnlyMemory<byte> buffer, IOBehavior io, Deadline deadline, CancellationToken cancellationToken)
    {
        ThrowIfClosed("Send");
        try
        {
            if (io == IOBehavior.Synchronous)
            {
                SendBlocking(buffer.Span, deadline);
                return;
            }

            while (!buffer.IsEmpty)
            {
                // Most sends complete at once (the kernel has room): no timer then. Only a send that has to wait
                // gets the deadline; when it passes, the caller resets the connection, which ends the pending send.
                ValueTask<int> sending = _socket.SendAsync(buffer, SocketFlags.None, cancellationToken);
                int n;
                if (sending.IsCompleted || deadline.IsInfinite)
                {
                    n = await sending.ConfigureAwait(false);
                }
                else
                {
                    try
                    {
                        n = await sending.AsTask().WaitAsync(deadline.Remaining, cancellationToken).ConfigureAwait(false);
                    }
                    catch (TimeoutException)
                    {
                        throw SocketErrors.TimedOut("Send", ": the peer is not reading");
                    }
                }

                buffer = buffer[n..];
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            ThrowIfClosed("Send");
            throw SocketErrors.TimedOut("Send", ": the peer is not reading");
        }
        catch (SocketException ex)
        {
            ThrowIfClosed("Send");
            throw SocketErrors.Map(ex, "Send");
        }
        catch (ObjectDisposedException)
        {
            throw SocketErrors.Closed("Send");
        }
    }

    private void SendBlocking(ReadOnlySpan<byte> buffer, Deadline deadline)
    {
        while (!buffer.IsEmpty)
        {
            int timeoutMs = deadline.IsInfinite ? 0 : Math.Max(1, (int)Math.Min(int.MaxValue, deadline.Remaining.TotalMilliseconds));
            if (timeoutMs != _sendTimeoutMs)
            {
                _socket.SendTimeout = timeoutMs;
                _sendTimeoutMs = timeoutMs;
            }

            int n = _socket.Send(buffer, SocketFlags.None, out SocketError error);
            if (error is SocketError.TimedOut or SocketError.WouldBlock)
            {
                throw SocketErrors.TimedOut("Send", ": the peer is not reading");
            }

            if (error != SocketError.Success)
            {
                throw new SocketException((int)error);
            }

            buffer = buffer[n..];
        }
    }

    public override void ShutdownSend() => _socket.TryShutdownSend();

    public override void InterruptReceive()
    {
        _receiveInterrupted = true;
        _interrupt.Cancel();
    }

    public override async ValueTask CloseGracefullyAsync(TimeSpan linger)
    {
        InterruptReceive();
        ShutdownSend();
        byte[] scratch = new byte[4096];
        using var lingerCts = new CancellationTokenSource(linger);
        try
        {
            while (await _socket.ReceiveAsync(scratch, SocketFlags.None, lingerCts.Token).ConfigureAwait(false) > 0)
            {
                // Discard: the application closed, so it no longer wants these bytes.
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The peer did not close within the linger time, or the connection was reset: close anyway.
        }

        Close(reset: false);
    }

    public override void Close(bool reset)
    {
        _closed = true;
        InterruptReceive();
        if (reset)
        {
            try
            {
                _socket.LingerState = new LingerOption(true, 0);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Already closed: a reset is moot.
            }
        }

        _socket.Dispose();
    }

    private void ThrowIfClosed(string operation)
    {
        if (_closed)
        {
            throw SocketErrors.Closed(operation);
        }
    }

    private void ThrowIfReceiveInterrupted()
    {
        if (_receiveInterrupted || _closed)
        {
            throw SocketErrors.Closed("Receive");
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
