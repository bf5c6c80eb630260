using System.Collections.Concurrent;
using WLSockets.Internal;

namespace WLSockets.Transports.WebSockets;

/// <summary>
/// Whole messages received by the background read, waiting for receives; then the reason the connection ended, given to
/// every later receive. Receives wait on a semaphore (blocking or awaiting, same body), so a timeout or a cancellation
/// takes nothing and loses nothing.
/// </summary>
/// <remarks>
/// Back-pressure: the background read stops reading once <see cref="PauseBytes"/> are waiting, so a program that does
/// not read makes the server's sends slow down (TCP flow control) instead of filling memory.
/// The semaphores are never disposed: a receive may still be waiting on one when the connection closes, and they hold
/// no wait handle (no blocking wait asks for one).
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The semaphores are never disposed on purpose: see remarks.")]
internal sealed class WebSocketInbox
{
    /// <summary>Above this many bytes waiting, the background read pauses (one message of any allowed size still fits).</summary>
    public const long PauseBytes = 1024 * 1024;

    private readonly ConcurrentQueue<WebSocketMessage> _messages = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly SemaphoreSlim _drained = new(0);
    private long _waitingBytes;
    private WLSocketException? _end;

    /// <summary>Why the connection ended, once it has (null while it is open).</summary>
    public WLSocketException? End => Volatile.Read(ref _end);

    /// <summary>Adds a message; false (and dropped) once the end is known.</summary>
    public bool Add(WebSocketMessage message)
    {
        if (End is not null)
        {
            return false;
        }

        Interlocked.Add(ref _waitingBytes, message.Data.Length);
        _messages.Enqueue(message);
        _available.Release();
        return true;
    }

    /// <summary>Records why the connection ended (the first reason wins); receives see it after every message already added.</summary>
    public bool Finish(WLSocketException reason)
    {
        if (Interlocked.CompareExchange(ref _end, reason, null) is not null)
        {
            return false;
        }

        _available.Release();
        _drained.Release();
        return true;
    }

    /// <summary>Waits while too many bytes are waiting to be read (the background read's back-pressure).</summary>
    public async ValueTask WaitForRoomAsync(CancellationToken cancellationToken)
    {
        while (Interlocked.Read(ref _waitingBytes) >= PauseBytes && End is null)
        {
            await _drained.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The next message, or the end's error; <see cref="WLSocketError.Timeout"/> when none came in time.</summary>
    public async ValueTask<WebSocketMessage> TakeAsync(IOBehavior io, Deadline deadline, CancellationToken cancellationToken)
    {
        bool taken = io == IOBehavior.Synchronous
            ? _available.Wait(deadline.Remaining, cancellationToken)
            : await _available.WaitAsync(deadline.Remaining, cancellationToken).ConfigureAwait(false);
        if (!taken)
        {
            throw SocketErrors.TimedOut("Receive");
        }

        if (_messages.TryDequeue(out WebSocketMessage? message))
        {
            Interlocked.Add(ref _waitingBytes, -message.Data.Length);
            if (_drained.CurrentCount == 0)
            {
                _drained.Release();
            }

            return message;
        }

        _available.Release(); // the end stays visible to every later receive
        WLSocketException end = End!;
        throw new WLSocketException(end.Error, end.Message, end.InnerException) { SocketErrorCode = end.SocketErrorCode };
    }
}
