using System.Collections.Concurrent;
using WLSockets.Fax;

namespace WLSockets.WLangage;

/// <summary>One <c>FaxConnecte</c> connection: the client, the fax names sent through it, and the state watchers.</summary>
internal sealed class FaxSession(int id, FaxClient client) : IDisposable
{
    private readonly ConcurrentDictionary<string, int> _names = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _closing = new();

    public int Id { get; } = id;

    public FaxClient Client { get; } = client;

    /// <summary>Cancelled by <c>FaxDéconnecte</c>: stops the watchers.</summary>
    public CancellationToken Closing => _closing.Token;

    public void Remember(string name, int jobId) => _names[name] = jobId;

    public bool TryGetJob(string name, out int jobId) => _names.TryGetValue(name, out jobId);

    /// <summary><c>FaxDéconnecte</c>: stops the watchers, says QUIT and closes.</summary>
    public void Dispose()
    {
        _closing.Cancel();
        Client.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _closing.Dispose();
    }
}
