using System.Buffers;
using System.Net;
using System.Net.Sockets;
using WLSockets.Internal;

namespace WLSockets.Transports.Udp;

/// <summary>A bound UDP socket: whole datagrams in and out, blocking or awaiting on one code path. Knows bytes, never text.</summary>
/// <remarks>
/// <para>Blocking receives wait with <see cref="Socket.Poll(TimeSpan, SelectMode)"/> in short slices, so that a close
/// from another thread is noticed promptly. Receives are serialised (a poll that saw a datagram then reads it, never
/// blocking behind another reader); sends are independent, each datagram leaves whole or not at all.</para>
/// <para>Every receive reads into a 64 KiB buffer, more than the largest UDP payload, so a datagram is never
/// truncated (open question U3).</para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification =
    "The semaphore never allocates a wait handle; disposing it would turn a receive racing a close into ObjectDisposedException instead of a clean 'closed' error.")]
internal sealed class UdpChannel
{
    /// <summary>Receive buffer size: more than any UDP payload (65 527 bytes at most, over IPv6).</summary>
    public const int ReceiveBufferSize = 64 * 1024;

    private static readonly TimeSpan s_pollSlice = TimeSpan.FromMilliseconds(100);
    private readonly Socket _socket;
    private readonly SemaphoreSlim _receiveGate = new(1, 1);
    private readonly CancellationTokenSource _interrupt = new();
    private readonly EndPoint _anySender;
    private volatile bool _closed;

    public UdpChannel(Socket socket)
    {
        _socket = socket;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        HandlesIPv4 = socket.AddressFamily == AddressFamily.InterNetwork || socket.DualMode;
        HandlesIPv6 = socket.AddressFamily == AddressFamily.InterNetworkV6;
        _anySender = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
    }

    public IPEndPoint LocalEndPoint { get; }

    public Socket Socket => _socket;

    /// <summary>True when the socket can send to and receive from IPv4 addresses (IPv4, or IPv6 dual stack).</summary>
    public bool HandlesIPv4 { get; }

    /// <summary>True when the socket can send to and receive from IPv6 addresses.</summary>
    public bool HandlesIPv6 { get; }

    /// <summary>Receives one whole datagram and its sender (IPv4-mapped senders reported as IPv4).</summary>
    /// <summary>Raised when a receive holds the receive gate and is about to wait (lets tests close it deterministically).</summary>
    internal event Action? ReceiveWaiting;

    /// <summary>Bytes queued by the OS and not yet received (lets tests wait for a datagram to arrive).</summary>
    internal int Available => _socket.Available;

    public async ValueTask<(byte[] Data, IPEndPoint Sender)> ReceiveAsync(IOBehavior io, Deadline deadline, CancellationToken cancellationToken)
    {
        ThrowIfClosed("Receive");
        if (!await _receiveGate.EnterAsync(io, deadline, cancellationToken).ConfigureAwait(false))
        {
            throw SocketErrors.TimedOut("Receive", ": no datagram arrived (another receive on this socket was waiting first)");
        }

        ReceiveWaiting?.Invoke();

        byte[] buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
        try
        {
            ThrowIfClosed("Receive");
            (int length, EndPoint sender) = io == IOBehavior.Synchronous || deadline.HasExpired
                ? ReceiveBlocking(buffer, deadline, cancellationToken)
                : await ReceiveAwaitingAsync(buffer, deadline, cancellationToken).ConfigureAwait(false);
            return (buffer.AsSpan(0, length).ToArray(), UdpAddresses.Normalize((IPEndPoint)sender));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            _receiveGate.Release();
        }
    }

    private (int Length, EndPoint Sender) ReceiveBlocking(byte[] buffer, Deadline deadline, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ThrowIfClosed("Receive");
                TimeSpan slice = deadline.IsInfinite || deadline.Remaining > s_pollSlice ? s_pollSlice : deadline.Remaining;
                if (_socket.Poll(slice, SelectMode.SelectRead))
                {
                    ThrowIfClosed("Receive");
                    EndPoint sender = _anySender;
                    try
                    {
                        // Returns at once: the poll saw a datagram, and only this receive (it holds the gate) reads.
                        int length = _socket.ReceiveFrom(buffer, SocketFlags.None, ref sender);
                        return (length, sender);
                    }
                    catch (SocketException ex) when (IsIcmpFeedback(ex) && !_closed)
                    {
                        // An ICMP error about an earlier send, not about this socket: keep waiting within the deadline.
                    }
                }

                if (deadline.HasExpired)
                {
                    throw SocketErrors.TimedOut("Receive", ": no datagram arrived");
                }
            }
        }
        catch (SocketException ex)
        {
            ThrowIfClosed("Receive");
            throw SocketErrors.Map(ex, "Receive");
        }
        catch (ObjectDisposedException)
        {
            throw SocketErrors.Closed("Receive");
        }
    }

    private async ValueTask<(int Length, EndPoint Sender)> ReceiveAwaitingAsync(byte[] buffer, Deadline deadline, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _interrupt.Token);
        if (!deadline.IsInfinite)
        {
            linked.CancelAfter(deadline.Remaining);
        }

        while (true)
        {
            try
            {
                SocketReceiveFromResult result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, _anySender, linked.Token).ConfigureAwait(false);
                return (result.ReceivedBytes, result.RemoteEndPoint);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                ThrowIfClosed("Receive");
                throw SocketErrors.TimedOut("Receive", ": no datagram arrived");
            }
            catch (SocketException ex) when (IsIcmpFeedback(ex) && !_closed)
            {
                // An ICMP error about an earlier send: keep waiting.
            }
            catch (SocketException ex)
            {
                ThrowIfClosed("Receive");
                throw SocketErrors.Map(ex, "Receive");
            }
            catch (ObjectDisposedException)
            {
                throw SocketErrors.Closed("Receive");
            }
        }
    }

    /// <summary>Sends <paramref name="datagram"/> as one datagram to <paramref name="destination"/>.</summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint destination, IOBehavior io, CancellationToken cancellationToken)
    {
        ThrowIfClosed("Send");
        int sent;
        try
        {
            sent = io == IOBehavior.Synchronous
                ? _socket.SendTo(datagram.Span, SocketFlags.None, destination)
                : await _socket.SendToAsync(datagram, SocketFlags.None, destination, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            ThrowIfClosed("Send");
            throw MapSendError(ex, datagram.Length, destination);
        }
        catch (ObjectDisposedException)
        {
            throw SocketErrors.Closed("Send");
        }

        if (sent != datagram.Length)
        {
            throw new WLSocketException(WLSocketError.NetworkError,
                $"Send to {UdpAddresses.Format(destination)} failed: the system sent {sent} of {datagram.Length} bytes of the datagram.");
        }
    }

    /// <summary>Closes at once: pending and blocked receives fail with <see cref="WLSocketError.ConnectionReset"/>.</summary>
    public void Close()
    {
        _closed = true;
        _interrupt.Cancel();
        _socket.Dispose();
    }

    private static bool IsIcmpFeedback(SocketException ex) =>
        ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable;

    private static WLSocketException MapSendError(SocketException ex, int length, IPEndPoint destination)
    {
        string target = UdpAddresses.Format(destination);
        return ex.SocketErrorCode switch
        {
            SocketError.MessageSize => new WLSocketException(WLSocketError.MessageTooLarge,
                $"Datagram of {length} bytes is too large for the path to {target}: nothing was sent. Send smaller datagrams.", ex)
            { SocketErrorCode = ex.SocketErrorCode },
            SocketError.AccessDenied => new WLSocketException(WLSocketError.NetworkError,
                $"Send to {target} was refused by the system: it is a broadcast address and broadcast is disabled on this socket, or a firewall forbids it.", ex)
            { SocketErrorCode = ex.SocketErrorCode },
            _ => SocketErrors.Map(ex, "Send", target),
        };
    }

    private void ThrowIfClosed(string operation)
    {
        if (_closed)
        {
            throw SocketErrors.Closed(operation);
        }
    }
}
