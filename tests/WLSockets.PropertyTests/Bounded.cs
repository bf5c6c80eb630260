using System.Diagnostics;
using CsCheck;

namespace WLSockets.PropertyTests;

/// <summary>
/// Runs a CsCheck property on a background thread under a watchdog: an input still running after <see cref="PerInput"/>
/// (a generous limit, not a timing assertion) fails the test as a probable infinite loop, naming the input, instead of
/// hanging the run.
/// </summary>
internal static class Bounded
{
    /// <summary>The longest one input may run: far above any normal run (milliseconds), so only a loop reaches it.</summary>
    public static readonly TimeSpan PerInput = TimeSpan.FromSeconds(30);

    /// <summary>Iterations of each property: <c>WLSOCK_PROPERTY_ITERATIONS</c> overrides the default.</summary>
    public static long Iterations(long defaultIterations) =>
        long.TryParse(Environment.GetEnvironmentVariable("WLSOCK_PROPERTY_ITERATIONS"), out long n) && n > 0 ? n : defaultIterations;

    /// <summary>Checks <paramref name="property"/> on <paramref name="iterations"/> generated inputs (CsCheck shrinks a failure).</summary>
    public static void Check<T>(Gen<T> gen, Action<T> property, long iterations, Func<T, string>? print = null)
    {
        object gate = new();
        long startedAt = 0;
        string current = "";
        Exception? failure = null;
        using var done = new ManualResetEventSlim();
        var worker = new Thread(() =>
        {
            try
            {
                gen.Sample(input =>
                {
                    lock (gate)
                    {
                        startedAt = Stopwatch.GetTimestamp();
                        current = print is null ? Describe(input) : print(input);
                    }

                    property(input);
                    Interlocked.Exchange(ref startedAt, 0);
                }, iter: iterations, threads: 1, print: print);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            finally
            {
                done.Set();
            }
        })
        { IsBackground = true, Name = "property" };
        worker.Start();
        while (!done.Wait(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken))
        {
            long started = Interlocked.Read(ref startedAt);
            if (started != 0 && Stopwatch.GetElapsedTime(started) > PerInput)
            {
                lock (gate)
                {
                    Assert.Fail($"One input ran for more than {PerInput.TotalSeconds:0} s (infinite loop?): {current}");
                }
            }
        }

        if (failure is not null)
        {
            throw new Xunit.Sdk.XunitException(failure.Message, failure);
        }
    }

    /// <summary>Runs <paramref name="action"/> and returns the bytes it allocated on this thread.</summary>
    public static long Allocated(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static string Describe<T>(T input) => input switch
    {
        byte[] bytes => Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 256))) + (bytes.Length > 256 ? $"… ({bytes.Length} bytes)" : ""),
        _ => input?.ToString() ?? "null",
    };
}
