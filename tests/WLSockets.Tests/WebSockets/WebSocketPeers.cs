namespace WLSockets.Tests.WebSockets;

/// <summary>Either WebSocket server no one here wrote, behind one face, so a test runs against both.</summary>
internal sealed class WebSocketPeer : IAsyncDisposable
{
    private readonly KestrelWebSocketServer? _kestrel;
    private readonly PythonWebSocketServer? _python;

    private WebSocketPeer(KestrelWebSocketServer? kestrel, PythonWebSocketServer? python)
    {
        _kestrel = kestrel;
        _python = python;
    }

    public const string Kestrel = "kestrel";
    public const string Python = "python";

    public static TheoryData<string> Both => [Kestrel, Python];

    public static async Task<WebSocketPeer> StartAsync(string kind) => kind == Kestrel
        ? new WebSocketPeer(await KestrelWebSocketServer.StartAsync(), null)
        : new WebSocketPeer(null, await PythonWebSocketServer.StartAsync());

    public Uri Uri(string pathAndQuery) => _kestrel?.Uri(pathAndQuery) ?? _python!.Uri(pathAndQuery);

    public string Describe() => _python?.Transcript ?? "kestrel";

    public async ValueTask DisposeAsync()
    {
        if (_kestrel is not null)
        {
            await _kestrel.DisposeAsync();
        }

        _python?.Dispose();
    }
}
