namespace WLSockets.Internal;

/// <summary>
/// Unwraps the <see cref="ValueTask"/> of a shared code path run with <see cref="IOBehavior.Synchronous"/>: such a
/// path blocks in the OS and never truly awaits, so the task is already complete. Never used on an async path.
/// </summary>
internal static class Sync
{
    public static T Result<T>(ValueTask<T> task)
    {
        if (!task.IsCompleted)
        {
            throw new InvalidOperationException("Internal error: a synchronous I/O path did not complete synchronously.");
        }

        return task.GetAwaiter().GetResult();
    }

    public static void Wait(ValueTask task)
    {
        if (!task.IsCompleted)
        {
            throw new InvalidOperationException("Internal error: a synchronous I/O path did not complete synchronously.");
        }

        task.GetAwaiter().GetResult();
    }
}
