namespace WLSockets.Internal;

/// <summary>Taking a per-connection lock on the blocking or the awaiting path, within a deadline.</summary>
internal static class Locks
{
    /// <summary>Waits for <paramref name="gate"/>; false when the deadline passed first.</summary>
    public static async ValueTask<bool> EnterAsync(this SemaphoreSlim gate, IOBehavior io, Deadline deadline, CancellationToken cancellationToken) =>
        io == IOBehavior.Synchronous
            ? gate.Wait(deadline.Remaining, cancellationToken)
            : await gate.WaitAsync(deadline.Remaining, cancellationToken).ConfigureAwait(false);
}
