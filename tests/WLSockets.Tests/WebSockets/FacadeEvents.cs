using System.Threading.Channels;
using WLSockets.WLangage;

namespace WLSockets.Tests.WebSockets;

/// <summary>Records what a WebSocket callback procedure receives, with where and when, for the test to check outside it.</summary>
internal sealed class FacadeEvents
{
    private readonly Channel<Event> _events = Channel.CreateUnbounded<Event>();
    private readonly string _name;

    public FacadeEvents(string name) => _name = name;

    public readonly record struct Event(int Kind, string Message, bool NameExists, int ThreadId);

    /// <summary>The procedure to hand to <c>WebSocketClientConnecte</c>; <paramref name="onEvent"/> runs inside it.</summary>
    public Action<int, string> Procedure(Action<int, string>? onEvent = null) => (kind, message) =>
    {
        _events.Writer.TryWrite(new Event(kind, message, Fonctions.SocketExiste(_name), Environment.CurrentManagedThreadId));
        onEvent?.Invoke(kind, message);
    };

    public async Task<Event> NextAsync() => await _events.Reader.ReadAsync(Loopback.Ct).AsTask().Within();

    /// <summary>True when no further event arrives within <paramref name="wait"/> (used after the terminal event).</summary>
    public async Task<bool> NoMoreWithinAsync(TimeSpan wait)
    {
        using var limit = new CancellationTokenSource(wait);
        try
        {
            await _events.Reader.WaitToReadAsync(limit.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }
}

/// <summary>A UI-like synchronization context: one dedicated thread runs every posted callback in order.</summary>
internal sealed class SingleThreadContext : SynchronizationContext, IDisposable
{
    private readonly BlockingCollectionQueue _queue = new();
    private readonly Thread _thread;

    public SingleThreadContext()
    {
        _thread = new Thread(() =>
        {
            SetSynchronizationContext(this);
            while (_queue.Take() is { } work)
            {
                work();
            }
        })
        { IsBackground = true, Name = "test UI thread" };
        _thread.Start();
    }

    public int ThreadId => _thread.ManagedThreadId;

    public int PostCount;

    public override void Post(SendOrPostCallback d, object? state)
    {
        Interlocked.Increment(ref PostCount);
        _queue.Add(() => d(state));
    }

    public void Dispose() => _queue.Complete();

    private sealed class BlockingCollectionQueue
    {
        private readonly System.Collections.Concurrent.BlockingCollection<Action> _items = [];

        public void Add(Action work) => _items.Add(work);

        public Action? Take() => _items.TryTake(out Action? work, Timeout.Infinite) ? work : null;

        public void Complete() => _items.CompleteAdding();
    }
}
