namespace WLSockets.WLangage;

/// <summary>
/// The WebSocket part of a registry entry. Synchronous syntax: the connection, read with <c>SocketLit</c>. Asynchronous
/// syntax: a background task that connects, then raises the events in order (open question W9): <c>SocketOuverture</c>
/// once, each <c>SocketMessage</c>, then exactly one of <c>SocketFermeture</c> and <c>SocketErreur</c>.
/// </summary>
/// <remarks>
/// Events are posted to the <see cref="SynchronizationContext"/> captured at call time (a UI thread), or to the thread
/// pool when there was none. The next event is raised only once the procedure has returned from the previous one, so
/// events never overlap or reorder, and a slow procedure slows the reading down instead of queueing messages without
/// limit. An exception thrown by the procedure is not caught: it surfaces as from any event handler run there.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The token source has no timer; SocketFerme may cancel it at any time, so it is never disposed.")]
internal sealed class WebSocketSession
{
    private readonly Action<int, string>? _procedure;
    private readonly SynchronizationContext? _context;
    private readonly CancellationTokenSource _connecting = new();
    private volatile WebSocketConnection? _connection;
    private volatile bool _closedByApplication;

    private WebSocketSession(WebSocketConnection? connection, Action<int, string>? procedure, SynchronizationContext? context)
    {
        _connection = connection;
        _procedure = procedure;
        _context = context;
    }

    /// <summary>A connection opened by the synchronous syntax.</summary>
    public static WebSocketSession Synchronous(WebSocketConnection connection) => new(connection, null, null);

    /// <summary>A connection the asynchronous syntax is about to open (<see cref="Start"/>).</summary>
    public static WebSocketSession Asynchronous(Action<int, string> procedure, SynchronizationContext? context) => new(null, procedure, context);

    public bool IsAsynchronous => _procedure is not null;

    /// <summary>The connection, or null while an asynchronous connect runs (or after it failed).</summary>
    public WebSocketConnection? Connection => _connection;

    /// <summary>The connection to write to or read from.</summary>
    public WebSocketConnection ConnectionForIo(string name) => _connection
        ?? throw new WLSocketException(WLSocketError.NoClient,
            $"The WebSocket '{name}' is not connected yet: with a callback procedure, write once the SocketOuverture event has arrived.");

    /// <summary>Connects in the background and raises the events; <paramref name="entry"/> is unregistered if the connect fails (W14).</summary>
    public void Start(NamedSocket entry, Uri uri, WebSocketConnectionOptions options) =>
        _ = Task.Run(() => RunAsync(entry, uri, options));

    /// <summary>Posts <c>SocketErreur</c> for a call that failed before connecting (invalid argument, name in use).</summary>
    public void RaiseFailure(string message) => Post(SocketRuntime.EventError, message, done: null);

    /// <summary><c>SocketFerme</c>: cancels a connect in progress or starts the closing handshake.</summary>
    public void Close()
    {
        _closedByApplication = true;
        _connecting.Cancel();
        _connection?.Close();
    }

    private async Task RunAsync(NamedSocket entry, Uri uri, WebSocketConnectionOptions options)
    {
        WebSocketConnection connection;
        try
        {
            connection = await WebSocketConnection.ConnectAsync(uri, options, _connecting.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WLSocketException or OperationCanceledException)
        {
            SocketRegistry.RemoveIfSame(entry); // before the event (W14)
            Post(_closedByApplication ? SocketRuntime.EventClosing : SocketRuntime.EventError,
                _closedByApplication ? "1006" : ex.Message, done: null);
            return;
        }

        _connection = connection;
        if (_closedByApplication)
        {
            await connection.CloseAsync().ConfigureAwait(false); // SocketFerme came during the connect
            Post(SocketRuntime.EventClosing, Status(connection, 1000), done: null);
            return;
        }

        await RaiseAsync(SocketRuntime.EventOpening, "").ConfigureAwait(false);
        while (true)
        {
            WebSocketMessage message;
            try
            {
                message = await connection.ReceiveAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WLSocketException or ObjectDisposedException)
            {
                if (_closedByApplication)
                {
                    await connection.CloseAsync().ConfigureAwait(false);
                    Post(SocketRuntime.EventClosing, Status(connection, 1000), done: null);
                }
                else if (ex is WLSocketException { Error: WLSocketError.ConnectionClosed })
                {
                    Post(SocketRuntime.EventClosing, Status(connection, 1005), done: null);
                }
                else
                {
                    Post(SocketRuntime.EventError, ex.Message, done: null);
                }

                return;
            }

            await RaiseAsync(SocketRuntime.EventMessage, message.Text).ConfigureAwait(false);
        }
    }

    /// <summary>The close status as decimal text (open question W10).</summary>
    private static string Status(WebSocketConnection connection, int fallback) =>
        (connection.CloseStatus ?? fallback).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Task RaiseAsync(int kind, string message)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(kind, message, done);
        return done.Task;
    }

    private void Post(int kind, string message, TaskCompletionSource? done)
    {
        Action<int, string> procedure = _procedure!;
        void Invoke()
        {
            try
            {
                procedure(kind, message);
            }
            finally
            {
                done?.TrySetResult();
            }
        }

        if (_context is { } context)
        {
            context.Post(static state => ((Action)state!)(), (Action)Invoke);
        }
        else
        {
            ThreadPool.QueueUserWorkItem(static state => state(), (Action)Invoke, preferLocal: false);
        }
    }
}
