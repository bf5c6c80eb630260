namespace WLSockets.Cli.Bench;

/// <summary>One connected bench client. One send and one receive may run at the same time.</summary>
internal interface IBenchClient : IAsyncDisposable
{
    /// <summary>Sends one message.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    /// <summary>Receives one message (raw mode: one chunk) and returns its payload length.</summary>
    ValueTask<int> ReceiveAsync(CancellationToken cancellationToken);
}
