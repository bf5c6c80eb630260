namespace WLSockets.Relay;

/// <summary>Microsecond timestamps since the Unix epoch.</summary>
internal static class TraceClock
{
    public static long Now(TimeProvider time) => (time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / 10;

    /// <summary><c>2026-11-25T13:40:41.123456Z</c>.</summary>
    public static string Format(long micros) =>
        DateTimeOffset.UnixEpoch.AddTicks(micros * 10).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
