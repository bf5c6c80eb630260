using System.Diagnostics;

namespace WLSockets.Internal;

/// <summary>An absolute point in time computed once from a timeout, so that several waits share one budget.</summary>
internal readonly struct Deadline
{
    private readonly long _expiresAt; // Stopwatch ticks; long.MaxValue = never

    private Deadline(long expiresAt) => _expiresAt = expiresAt;

    public static Deadline Infinite => new(long.MaxValue);

    /// <summary>
    /// The longest finite timeout: what every BCL wait accepts (<c>int.MaxValue</c> milliseconds, about 24.8 days).
    /// </summary>
    private static readonly TimeSpan s_longestFinite = TimeSpan.FromMilliseconds(int.MaxValue);

    /// <summary>
    /// Negative or <see cref="Timeout.InfiniteTimeSpan"/> = never; zero = already expired (poll once); longer than
    /// about 24.8 days = never too (such a wait handed to <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/>
    /// or <see cref="SemaphoreSlim.Wait(TimeSpan)"/> would throw instead of waiting).
    /// </summary>
    public static Deadline After(TimeSpan timeout)
    {
        if (timeout < TimeSpan.Zero || timeout > s_longestFinite)
        {
            return Infinite;
        }

        long ticks = (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        long now = Stopwatch.GetTimestamp();
        return new Deadline(ticks >= long.MaxValue - now ? long.MaxValue : now + ticks);
    }

    public bool IsInfinite => _expiresAt == long.MaxValue;

    public TimeSpan Remaining => IsInfinite
        ? Timeout.InfiniteTimeSpan
        : TimeSpan.FromSeconds(Math.Max(0, _expiresAt - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);

    public bool HasExpired => !IsInfinite && Stopwatch.GetTimestamp() >= _expiresAt;

    public static Deadline Earliest(Deadline a, Deadline b) => a._expiresAt <= b._expiresAt ? a : b;
}
