using System.Collections.Concurrent;
using WLSockets.Relay;

namespace WLSockets.Tests.Relay;

/// <summary>Records every relay event, thread-safe, and lets a test wait for close events.</summary>
internal sealed class RecordingSink(bool wantsData = true) : ITraceSink
{
    private readonly ConcurrentQueue<string> _events = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource<TraceClose>> _closed = new();
    private readonly ConcurrentDictionary<long, TraceConnection> _opened = new();

    public bool WantsData { get; } = wantsData;

    public IReadOnlyList<string> Events => [.. _events];

    public IReadOnlyDictionary<long, TraceConnection> Opened => _opened;

    public Task<TraceClose> Closed(long id) => Slot(id).Task;

    public void OnOpen(long timestampMicros, TraceConnection connection)
    {
        _opened[connection.Id] = connection;
        _events.Enqueue($"#{connection.Id} open");
    }

    public void OnData(long timestampMicros, long connectionId, TraceDirection direction, ReadOnlySpan<byte> data) =>
        _events.Enqueue($"#{connectionId} data {direction} {data.Length}");

    public void OnHalfClose(long timestampMicros, long connectionId, TraceDirection direction) =>
        _events.Enqueue($"#{connectionId} half-close {direction}");

    public void OnClose(long timestampMicros, TraceClose close)
    {
        _events.Enqueue($"#{close.ConnectionId} close {close.Reason}");
        Slot(close.ConnectionId).TrySetResult(close);
    }

    public void OnError(long timestampMicros, long connectionId, WLSocketException failure) =>
        _events.Enqueue($"#{connectionId} error {failure.Error}: {failure.Message}");

    private TaskCompletionSource<TraceClose> Slot(long id) =>
        _closed.GetOrAdd(id, _ => new TaskCompletionSource<TraceClose>(TaskCreationOptions.RunContinuationsAsynchronously));
}
