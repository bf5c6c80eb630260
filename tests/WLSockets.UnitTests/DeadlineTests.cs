using WLSockets.Internal;

namespace WLSockets.UnitTests;

/// <summary>Timeout values (T3): negative/infinite wait forever, zero polls once, any TimeSpan is accepted.</summary>
public class DeadlineTests
{
    [Fact]
    public void Negative_and_infinite_never_expire()
    {
        Assert.True(Deadline.After(Timeout.InfiniteTimeSpan).IsInfinite);
        Assert.True(Deadline.After(TimeSpan.FromMilliseconds(-5)).IsInfinite);
        Assert.Equal(Timeout.InfiniteTimeSpan, Deadline.Infinite.Remaining);
        Assert.False(Deadline.Infinite.HasExpired);
    }

    [Fact]
    public void Zero_is_already_expired_so_a_wait_polls_once()
    {
        Deadline deadline = Deadline.After(TimeSpan.Zero);
        Assert.False(deadline.IsInfinite);
        Assert.True(deadline.HasExpired);
        Assert.Equal(TimeSpan.Zero, deadline.Remaining);
    }

    [Fact]
    public void A_day_is_finite_and_counts_down()
    {
        Deadline deadline = Deadline.After(TimeSpan.FromDays(1));
        Assert.False(deadline.IsInfinite);
        Assert.False(deadline.HasExpired);
        Assert.InRange(deadline.Remaining, TimeSpan.FromDays(1) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
    }

    [Theory]
    [InlineData(30)]
    [InlineData(365)]
    [InlineData(10_000_000)] // TimeSpan.MaxValue is about 10.7 million days
    public void Timeouts_beyond_what_BCL_waits_accept_wait_forever(int days)
    {
        // CancellationTokenSource.CancelAfter and SemaphoreSlim.Wait refuse such values: never hand them one.
        TimeSpan timeout = days == 10_000_000 ? TimeSpan.MaxValue : TimeSpan.FromDays(days);
        Deadline deadline = Deadline.After(timeout);
        Assert.True(deadline.IsInfinite || deadline.Remaining <= TimeSpan.FromMilliseconds(int.MaxValue),
            $"{timeout} gave a finite remaining time of {deadline.Remaining}");
        using var cts = new CancellationTokenSource();
        if (!deadline.IsInfinite)
        {
            cts.CancelAfter(deadline.Remaining);
        }
    }

    [Fact]
    public void Earliest_picks_the_sooner_deadline()
    {
        Deadline soon = Deadline.After(TimeSpan.FromSeconds(1));
        Deadline later = Deadline.After(TimeSpan.FromHours(1));
        Assert.True(Deadline.Earliest(soon, later).Remaining <= TimeSpan.FromSeconds(1));
        Assert.True(Deadline.Earliest(later, soon).Remaining <= TimeSpan.FromSeconds(1));
        Assert.False(Deadline.Earliest(Deadline.Infinite, later).IsInfinite);
    }
}
