using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
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
    private CancellationTokenSource? _sendTimer;
    private CancellationTokenSource? _receiveTimer;
    private CancellationTokenSource? _receiveArmed;
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

    /// <summary>A zero-byte socket receive completes when data (or the end of the stream) is there, reading nothing.</summary>
    public override bool WaitsOnEmptyReceive => true;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReceiveAsync(Memory<byte> buffer, IOBehavior io, Deadline deadline, CancellationToken cancellationToken)
    {
        if (io == IOBehavior.Synchronous || deadline.HasExpired)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ReceiveBlocking(buffer.Span, deadline);
        }

        // Receives never overlap (the message reader holds its lock): one reusable source carries the caller's token,
        // the deadline and a local close, so a receive allocates no linked source or timer.
        CancellationTokenSource? armed = null;
        CancellationTokenRegistration callerRegistration = default;
        CancellationToken token = _interrupt.Token;
        if (cancellationToken.CanBeCanceled || !deadline.IsInfinite)
        {
            armed = Arm(ref _receiveTimer, deadline);
            Volatile.Write(ref _receiveArmed, armed);
            callerRegistration = cancellationToken.UnsafeRegister(static state => CancelQuietly((CancellationTokenSource)state!), armed);
            token = armed.Token;
        }

        try
        {
            ThrowIfReceiveInterrupted(); // after arming: a close from now on cancels the armed source too
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
            if (armed is not null)
            {
                callerRegistration.Dispose(); // waits for a callback already running, so the reset below is final
                Volatile.Write(ref _receiveArmed, null);
                Disarm(ref _receiveTimer, armed);
            }
        }
    }

    /// <summary>The reusable source of <paramref name="slot"/> (a new one the first time or after it fired), with the deadline set.</summary>
    private static CancellationTokenSource Arm(ref CancellationTokenSource? slot, Deadline deadline)
    {
        CancellationTokenSource source = slot ??= new CancellationTokenSource();
        if (!deadline.IsInfinite)
        {
            source.CancelAfter(deadline.Remaining);
        }

        return source;
    }

    /// <summary>Makes the source reusable; one that fired (timeout, caller, close) is dropped for a fresh one next time.</summary>
    private static void Disarm(ref CancellationTokenSource? slot, CancellationTokenSource source)
    {
        if (!source.TryReset())
        {
            slot = null;
            source.Dispose();
        }
    }

    private static void CancelQuietly(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The operation already ended and dropped its source.
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

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
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

            // Sends never overlap (the message writer holds its lock): one reusable source carries the caller's
            // token and the send timeout, so a send allocates no linked source or timer.
            CancellationTokenSource? armed = null;
            CancellationTokenRegistration callerRegistration = default;
            CancellationToken token = cancellationToken;
            if (!deadline.IsInfinite)
            {
                armed = Arm(ref _sendTimer, deadline);
                callerRegistration = cancellationToken.UnsafeRegister(static state => CancelQuietly((CancellationTokenSource)state!), armed);
                token = armed.Token;
            }

            try
            {
                while (!buffer.IsEmpty)
                {
                    int n = await _socket.SendAsync(buffer, SocketFlags.None, token).ConfigureAwait(false);
                    buffer = buffer[n..];
                }
            }
            finally
            {
                if (armed is not null)
                {
                    callerRegistration.Dispose(); // waits for a callback already running, so the reset below is final
                    Disarm(ref _sendTimer, armed);
                }
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
        if (Volatile.Read(ref _receiveArmed) is { } armed)
        {
            CancelQuietly(armed); // a receive with a deadline or a token of its own waits on this one
        }
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
