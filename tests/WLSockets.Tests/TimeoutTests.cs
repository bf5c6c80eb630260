using System.Diagnostics;
using WLSockets.Tests.Fakes;

namespace WLSockets.Tests;

/// <summary>Receive timeouts (tcp-core §9.3, T3) and partial messages kept across a timeout (F8).</summary>
public class TimeoutTests
{
    private static readonly TimeSpan s_short = TimeSpan.FromMilliseconds(300);

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Nothing_arriving_within_the_timeout_is_Timeout(bool sync)
    {
        using RawPair pair = await RawPair.StartAsync();
        var watch = Stopwatch.StartNew();
        WLSocketException error = await ReceiveErrorAsync(pair.Connection, s_short, sync);
        Assert.Equal(WLSocketError.Timeout, error.Error);
        Assert.True(watch.Elapsed >= s_short - TimeSpan.FromMilliseconds(50), $"gave up after {watch.Elapsed}");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"gave up after {watch.Elapsed}");

        // The connection is still usable.
        await pair.Peer.SendAsync("2\r\nok");
        Assert.Equal("ok", await pair.Connection.ReceiveStringAsync(Loopback.Ct).Within());
    }

    [Theory(Timeout = 30_000)]
    [InlineData(TransmissionMode.SizePrefixed, "10\r\nhello", "world", "helloworld", false)]
    [InlineData(TransmissionMode.SizePrefixed, "10\r\nhello", "world", "helloworld", true)]
    [InlineData(TransmissionMode.SizePrefixed, "1", "0\r\nhelloworld", "helloworld", false)]
    [InlineData(TransmissionMode.EndTag, "hello<E", "OF>", "hello", true)]
    [InlineData(TransmissionMode.EndTagBuffer, "hel", "lo<EOF>", "hello", false)]
    public async Task Message_arriving_in_two_parts_around_a_timeout_is_delivered_whole(TransmissionMode mode, string first, string second, string expected, bool sync)
    {
        // F8: the timeout covers the whole message, and what arrived is kept for the next receive.
        using RawPair pair = await RawPair.StartAsync(new MessageConnectionOptions { Mode = mode });
        await pair.Peer.SendAsync(first);
        WLSocketException error = await ReceiveErrorAsync(pair.Connection, s_short, sync);
        Assert.Equal(WLSocketError.Timeout, error.Error);
        Assert.Equal(first.Length, pair.Connection.BufferedByteCount);

        await pair.Peer.SendAsync(second);
        string whole = sync
            ? await Loopback.OnThread(() => pair.Connection.ReceiveString(Loopback.Deadline)).Within()
            : await pair.Connection.ReceiveStringAsync(Loopback.Deadline, Loopback.Ct).Within();
        Assert.Equal(expected, whole);
        Assert.Equal(0, pair.Connection.BufferedByteCount);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Zero_timeout_polls_once(bool sync)
    {
        // T3: 0 = look once without waiting.
        using RawPair pair = await RawPair.StartAsync();
        var watch = Stopwatch.StartNew();
        Assert.Equal(WLSocketError.Timeout, (await ReceiveErrorAsync(pair.Connection, TimeSpan.Zero, sync)).Error);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"a zero timeout waited {watch.Elapsed}");

        // Two messages in one send: once the first has been read, the second is already there and a poll gets it.
        await pair.Peer.SendAsync("1\r\na1\r\nb");
        Assert.Equal("a", await pair.Connection.ReceiveStringAsync(Loopback.Ct).Within());
        string second = sync
            ? await Loopback.OnThread(() => pair.Connection.ReceiveString(TimeSpan.Zero)).Within()
            : await pair.Connection.ReceiveStringAsync(TimeSpan.Zero, Loopback.Ct).Within();
        Assert.Equal("b", second);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Zero_timeout_reads_bytes_waiting_in_the_socket(bool sync)
    {
        // Raw mode takes at most RawReadSize bytes from the socket per receive, so after the first read of one
        // 6-byte segment the other 4 bytes are still in the OS buffer (not in ours): a single poll must get them.
        using RawPair pair = await RawPair.StartAsync(new MessageConnectionOptions { Mode = TransmissionMode.NoEndTag, RawReadSize = 2 });
        await pair.Peer.SendAsync("abcdef");
        Assert.Equal("ab", await pair.Connection.ReceiveStringAsync(Loopback.Ct).Within());
        Assert.Equal(0, pair.Connection.BufferedByteCount);
        string next = sync
            ? await Loopback.OnThread(() => pair.Connection.ReceiveString(TimeSpan.Zero)).Within()
            : await pair.Connection.ReceiveStringAsync(TimeSpan.Zero, Loopback.Ct).Within();
        Assert.Equal("cd", next);
    }

    public static TheoryData<string, bool> HugeTimeouts() => new()
    {
        { "30 days", false },
        { "30 days", true },
        { "365 days", false },
        { "MaxValue", false },
        { "MaxValue", true },
    };

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(HugeTimeouts))]
    public async Task A_huge_timeout_waits_like_an_infinite_one(string timeoutName, bool sync)
    {
        // Every TimeSpan is a valid timeout: one beyond what OS/BCL waits accept (about 24.8 days) must not throw.
        TimeSpan timeout = timeoutName switch
        {
            "30 days" => TimeSpan.FromDays(30),
            "365 days" => TimeSpan.FromDays(365),
            _ => TimeSpan.MaxValue,
        };
        using RawPair pair = await RawPair.StartAsync();
        Task<string> receive = sync
            ? Loopback.OnThread(() => pair.Connection.ReceiveString(timeout))
            : pair.Connection.ReceiveStringAsync(timeout, Loopback.Ct).AsTask();
        await pair.Peer.SendAsync("4\r\nlate");
        Assert.Equal("late", await receive.Within());

        pair.Connection.SendTimeout = timeout;
        await pair.Connection.SendAsync("x", Loopback.Ct).Within();
        Assert.Equal("1\r\nx"u8.ToArray(), await pair.Peer.ReadExactlyAsync(4));
    }

    [Fact(Timeout = 30_000)]
    public async Task Cancelling_a_receive_keeps_the_partial_message()
    {
        using RawPair pair = await RawPair.StartAsync();
        await pair.Peer.SendAsync("6\r\nabc");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Loopback.Ct);
        Task<byte[]> pending = pair.Connection.ReceiveAsync(cts.Token).AsTask();
        Assert.False(pending.IsCompleted);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending).Within();

        await pair.Peer.SendAsync("def");
        Assert.Equal("abcdef", await pair.Connection.ReceiveStringAsync(Loopback.Ct).Within());
    }

    private static async Task<WLSocketException> ReceiveErrorAsync(MessageConnection connection, TimeSpan timeout, bool sync)
    {
        if (sync)
        {
            WLSocketException? error = await Loopback.OnThread(() =>
            {
                try
                {
                    connection.Receive(timeout);
                    return null;
                }
                catch (WLSocketException ex)
                {
                    return ex;
                }
            }).Within();
            return error ?? throw new Xunit.Sdk.XunitException("The blocking receive returned a message instead of failing.");
        }

        return await Assert.ThrowsAsync<WLSocketException>(() => connection.ReceiveAsync(timeout, Loopback.Ct).AsTask()).Within();
    }
}
