using System.Net;
using WLSockets.Internal;
using WLSockets.Transports;

namespace WLSockets.Tests.Fakes;

/// <summary>
/// Wraps the real TCP transport and signals when the library starts waiting for bytes, so a test can act on a receive
/// that is known to be blocked (instead of sleeping and hoping).
/// </summary>
internal sealed class SignallingTransport(Transport inner) : Transport
{
    public TaskCompletionSource ReceiveStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override EndPoint? RemoteEndPoint => inner.RemoteEndPoint;

    public override EndPoint? LocalEndPoint => inner.LocalEndPoint;

    public override ValueTask<int> ReceiveAsync(Memory<byte> buffer, IOBehavior io, Deadline deadline, CancellationToken cancellationToken)
    {
        ReceiveStarted.TrySetResult();
        return inner.ReceiveAsync(buffer, io, deadline, cancellationToken);
    }

    public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, IOBehavior io, Deadline deadline, CancellationToken cancellationToken) =>
        inner.SendAsync(buffer, io, deadline, cancellationToken);

    public override void ShutdownSend() => inner.ShutdownSend();

    public override void InterruptReceive() => inner.InterruptReceive();

    public override ValueTask CloseGracefullyAsync(TimeSpan linger) => inner.CloseGracefullyAsync(linger);

    public override void Close(bool reset) => inner.Close(reset);
}
