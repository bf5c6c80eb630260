using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using WLSockets.Internal;

namespace WLSockets.Transports.Tls;

/// <summary>A TLS session (<see cref="SslStream"/>) over a connected TCP socket, as a <see cref="Transport"/>.</summary>
/// <remarks>
/// <para><see cref="SslStream"/> buffers encrypted and decrypted bytes itself, so <see cref="Socket.Poll(TimeSpan, SelectMode)"/>
/// cannot tell whether a read would block, and abandoning a read in the middle of a record (timeout, cancellation)
/// corrupts the session. So one background <em>pump</em> per connection reads the <see cref="SslStream"/> without
/// ever being cancelled and writes the plaintext into a bounded <see cref="Pipe"/>; receives read the pipe, where a
/// deadline or a cancellation is clean: nothing is lost and the next receive goes on where this one stopped.</para>
/// <para>Back-pressure: the pipe pauses the pump above <see cref="PauseThreshold"/> (more than the largest TLS record), so
/// a reader that stops reading stops the pump, the kernel buffers fill and the peer's sends slow down, as with TCP.</para>
/// <para>Blocking receives wait on <see cref="_dataArrived"/>, which the pump sets after every write into the pipe and at
/// the end, and <see cref="InterruptReceive"/> sets too: the calling thread blocks in the kernel, never on a task.</para>
/// </remarks>
internal sealed class TlsTransport : Transport
{
    /// <summary>Above this many unread bytes the pump stops reading the TLS stream (a TLS record holds at most 16 KiB).</summary>
    internal const int PauseThreshold = 64 * 1024;
    private const int ResumeThreshold = 32 * 1024;
    private const int ReadChunk = 16 * 1024;

    private readonly Socket _socket;
    private readonly SslStream _ssl;
    private readonly Pipe _pipe = new(new PipeOptions(
        pauseWriterThreshold: PauseThreshold, resumeWriterThreshold: ResumeThreshold, minimumSegmentSize: ReadChunk, useSynchronizationContext: false));

    private readonly ManualResetEventSlim _dataArrived = new(false);
    private readonly CancellationTokenSource _interrupt = new();
    private readonly EndPoint? _remote;
    private readonly EndPoint? _local;
    private Task _pump = Task.CompletedTask;
    private volatile WLSocketException? _pumpError;
    private volatile bool _discarding;
    private volatile bool _closed;
    private volatile bool _receiveInterrupted;
    private int _sendTimeoutMs;
    private int _disposeScheduled;

    public TlsTransport(Socket socket)
    {
        _socket = socket;
        _remote = socket.RemoteEndPoint;
        _local = socket.LocalEndPoint;
        _ssl = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
    }

    public Socket Socket => _socket;

    /// <summary>The TLS session, for the handshake and the session details.</summary>
    public SslStream Stream => _ssl;

    /// <summary>What was negotiated; set once the handshake succeeded.</summary>
    public TlsSessionInfo? Session { get; private set; }

    /// <summary>Completes when the background read has ended (for tests: a close must always end it).</summary>
    internal Task PumpCompletion => _pump;

    /// <summary>Decrypted bytes waiting in the pipe (for tests; only while no receive is in progress).</summary>
    internal long PipedByteCount
    {
        get
        {
            if (!_pipe.Reader.TryRead(out ReadResult result))
            {
                return 0;
            }

            long length = result.Buffer.Length;
            _pipe.Reader.AdvanceTo(result.Buffer.Start); // looked at, nothing taken
            return length;
        }
    }

    public override EndPoint? RemoteEndPoint => _remote;

    public override EndPoint? LocalEndPoint => _local;

    /// <summary>Starts the pump once the handshake succeeded.</summary>
    public void Start(string? targetHost)
    {
        Session = TlsSessionInfo.From(_ssl, targetHost);
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Reads the TLS stream into the pipe until the end, an error, or a close.</summary>
    private async Task PumpAsync()
    {
        PipeWriter writer = _pipe.Writer;
        try
        {
            while (!_discarding)
            {
                Memory<byte> memory = writer.GetMemory(ReadChunk);
                int n = await _ssl.ReadAsync(memory).ConfigureAwait(false);
                if (n == 0)
                {
                    return; // the peer's close_notify, or its TCP end of stream
                }

                writer.Advance(n);
                ValueTask<FlushResult> flush = writer.FlushAsync(); // the bytes are readable from here on
                _dataArrived.Set();
                FlushResult result = await flush.ConfigureAwait(false);
                if (result.IsCompleted)
                {
                    return;
                }
            }

            // Closing: nobody reads the pipe any more; read and drop what the peer still sends until it closes too.
            byte[] scratch = ArrayPool<byte>.Shared.Rent(ReadChunk);
            try
            {
                while (await _ssl.ReadAsync(scratch).ConfigureAwait(false) > 0)
                {
                    // Discard: the application closed, so it no longer wants these bytes.
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }
        }
#pragma warning disable CA1031 // Whatever ends the background read must reach the reader, never pass for a clean end of stream.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // Kept, and reported to the reader once it has read every byte that came before the failure.
            _pumpError = _closed || _receiveInterrupted ? SocketErrors.Closed("Receive") : TlsErrors.MapReceive(ex);
        }
        finally
        {
            await writer.CompleteAsync().ConfigureAwait(false);
            _dataArrived.Set();
        }
    }

    public override async ValueTask<int> ReceiveAsync(Memory<byte> buffer, IOBehavior io, Deadline deadline, CancellationToken cancellationToken)
    {
        if (io == IOBehavior.Synchronous || deadline.HasExpired)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ReceiveBlocking(buffer.Span, deadline);
        }

        ThrowIfReceiveInterrupted();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _interrupt.Token);
        if (!deadline.IsInfinite)
        {
            linked.CancelAfter(deadline.Remaining);
        }

        PipeReader reader = _pipe.Reader;
        while (true)
        {
            ReadResult result;
            try
            {
                // Cancelling a pipe read loses nothing: the pipe stays usable and keeps every byte.
                result = await reader.ReadAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                ThrowIfReceiveInterrupted();
                throw SocketErrors.TimedOut("Receive");
            }
            catch (InvalidOperationException)
            {
                throw SocketErrors.Closed("Receive"); // the pipe was completed by a close
            }

            if (TryTake(reader, result, buffer.Span, out int n))
            {
                return n;
            }
        }
    }

    private int ReceiveBlocking(Span<byte> buffer, Deadline deadline)
    {
        PipeReader reader = _pipe.Reader;
        while (true)
        {
            ThrowIfReceiveInterrupted();

            // Reset before looking: a write that lands after the look sets the event again, so the wait cannot miss it.
            _dataArrived.Reset();
            try
            {
                if (reader.TryRead(out ReadResult result) && TryTake(reader, result, buffer, out int n))
                {
                    return n;
                }
            }
            catch (InvalidOperationException)
            {
                throw SocketErrors.Closed("Receive");
            }

            if (deadline.HasExpired)
            {
                throw SocketErrors.TimedOut("Receive");
            }

            _dataArrived.Wait(deadline.Remaining);
        }
    }

    /// <summary>Copies what the pipe holds into <paramref name="buffer"/>; at the end, 0 or the pump's error.</summary>
    private bool TryTake(PipeReader reader, ReadResult result, Span<byte> buffer, out int taken)
    {
        ReadOnlySequence<byte> data = result.Buffer;
        if (!data.IsEmpty)
        {
            taken = (int)Math.Min(data.Length, buffer.Length);
            data.Slice(0, taken).CopyTo(buffer);
            reader.AdvanceTo(data.GetPosition(taken));
            return true;
        }

        reader.AdvanceTo(data.End);
        if (!result.IsCompleted)
        {
            taken = 0;
            return false;
        }

        ThrowIfReceiveInterrupted();
        if (_pumpError is { } error)
        {
            // A new exception each time: every later receive reports the same cause.
            throw new WLSocketException(error.Error, error.Message, error.InnerException) { SocketErrorCode = error.SocketErrorCode };
        }

        taken = 0;
        return true; // end of stream
    }

    public override async ValueTask SendAsync(ReadOnlyMemory<byte> buffer, IOBehavior io, Deadline deadline, CancellationToken cancellationToken)
    {
        ThrowIfClosed("Send");
        try
        {
            if (io == IOBehavior.Synchronous)
            {
                int timeoutMs = deadline.IsInfinite ? 0 : Math.Max(1, (int)Math.Min(int.MaxValue, deadline.Remaining.TotalMilliseconds));
                if (timeoutMs != _sendTimeoutMs)
                {
                    _socket.SendTimeout = timeoutMs;
                    _sendTimeoutMs = timeoutMs;
                }

                _ssl.Write(buffer.Span);
                return;
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (!deadline.IsInfinite)
            {
                linked.CancelAfter(deadline.Remaining);
            }

            await _ssl.WriteAsync(buffer, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            ThrowIfClosed("Send");
            throw SocketErrors.TimedOut("Send", ": the peer is not reading");
        }
        catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.WouldBlock })
        {
            ThrowIfClosed("Send");
            throw SocketErrors.TimedOut("Send", ": the peer is not reading");
        }
        catch (IOException ex)
        {
            ThrowIfClosed("Send");
            throw ex.InnerException is SocketException socketError
                ? SocketErrors.Map(socketError, "Send")
                : new WLSocketException(WLSocketError.ConnectionReset, $"Send failed: the TLS session is no longer usable ({ex.Message}).", ex);
        }
        catch (Exception ex) when (ex is AuthenticationException or CryptographicException)
        {
            ThrowIfClosed("Send");
            throw new WLSocketException(WLSocketError.ConnectionReset, $"Send failed: the TLS session is no longer usable ({TlsErrors.Describe(ex)}).", ex);
        }
        catch (ObjectDisposedException)
        {
            throw SocketErrors.Closed("Send");
        }
    }

    /// <summary>Sends TLS close_notify, then ends the TCP sending direction.</summary>
    public override void ShutdownSend()
    {
        try
        {
            // close_notify is a few bytes into the kernel buffer: this only blocks when the peer stopped reading, and
            // then no longer than the bound.
            _ssl.ShutdownAsync().Wait(TimeSpan.FromSeconds(2));
        }
        catch (Exception ex) when (ex is AggregateException or IOException or ObjectDisposedException or InvalidOperationException or NotSupportedException
            or CryptographicException or AuthenticationException)
        {
            // Reset, closed, a write still in progress, or the engine cannot end the session now (OpenSSL refuses while
            // a TLS 1.3 post-handshake exchange is unfinished): the TCP end of stream below still ends the connection.
        }

        _socket.TryShutdownSend();
    }

    public override void InterruptReceive()
    {
        _receiveInterrupted = true;
        _interrupt.Cancel();
        _dataArrived.Set();
    }

    public override async ValueTask CloseGracefullyAsync(TimeSpan linger)
    {
        InterruptReceive();
        Deadline deadline = Deadline.After(linger);
        try
        {
            await _ssl.ShutdownAsync().WaitAsync(deadline.Remaining).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or IOException or ObjectDisposedException or InvalidOperationException or NotSupportedException
            or CryptographicException or AuthenticationException)
        {
            // The peer does not read, the session already failed, or the engine cannot end it now: the TCP end of
            // stream below still ends the connection.
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already reset or closed.
        }

        // Nobody reads the pipe any more: let the pump drop what the peer still sends, and wait for its end.
        _discarding = true;
        _pipe.Writer.CancelPendingFlush();
        try
        {
            await _pump.WaitAsync(deadline.Remaining).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The peer did not close within the linger time: close anyway.
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

        // Closing the socket ends the pump's read (and a pump paused by a full pipe resumes, to find it closed); the TLS
        // session is released only after that, never under a read.
        _discarding = true;
        _pipe.Writer.CancelPendingFlush();
        _socket.Dispose();
        if (Interlocked.Exchange(ref _disposeScheduled, 1) == 0)
        {
            _ = _pump.ContinueWith(static (_, state) => ((SslStream)state!).Dispose(), _ssl,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
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
}
