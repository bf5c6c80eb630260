namespace WLSockets.Cli.Bench;

/// <summary>A baseline server measured with the plain-socket <see cref="RawClient"/> and <see cref="BinaryFraming"/>.</summary>
internal abstract class BinaryFramedSystem : IBenchSystem
{
    public abstract string Name { get; }

    public IReadOnlyList<string> Framings => BinaryFraming.Framings;

    public abstract Task<IBenchServer> StartServerAsync(string framing, ServerRole role, CancellationToken cancellationToken);

    public Task<IBenchClient> ConnectAsync(System.Net.IPEndPoint server, string framing, CancellationToken cancellationToken) =>
        RawClient.ConnectAsync(server, cancellationToken);
}
