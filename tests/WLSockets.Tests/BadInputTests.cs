using System.Diagnostics;
using WLSockets.Tests.Fakes;

namespace WLSockets.Tests;

/// <summary>
/// A misbehaving peer (issue point 5): bad headers (F6), oversized frames (F7), closing mid-message, data after the
/// end marker (F4), end of stream (S7).
/// </summary>
public class BadInputTests
{
    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Non_numeric_header_fails_every_receive_until_the_mode_is_set_again(bool sync)
    {
        using RawPair pair = await RawPair.StartAsync();
        MessageConnection c = pair.Connection;
        await pair.Peer.SendAsync("Hello<EOF>");

        for (int i = 0; i < 3; i++)
        {
            WLSocketException error = await ReceiveErrorAsync(c, sync);
            Assert.Equal(WLSocketError.FramingError, error.Error);
        }

        // Setting the same mode again clears the error, but the bytes are still not a header.
        c.Mode = TransmissionMode.SizePrefixed;
        Assert.Equal(WLSocketError.FramingError, (await ReceiveErrorAsync(c, sync)).Error);

        // The bytes were kept: read under the mode the peer really uses.
        c.Mode = TransmissionMode.EndTag;
        Assert.Equal("Hello", sync ? await Loopback.OnThread(() => c.ReceiveString(Loopback.Deadline)).Within() : await c.ReceiveStringAsync(Loopback.Ct).Within());
    }

    [Fact(Timeout = 30_000)]
    public async Task Announced_length_above_the_maximum_fails_at_once_without_allocating_it()
    {
        // F7: 9 999 999 999 bytes announced, 1 KiB allowed: the header alone decides, no body is awaited.
        using RawPair pair = await RawPair.StartAsync(new MessageConnectionOptions { MaxMessageSize = 1024 });
        await pair.Peer.SendAsync("9999999999\r\n");
        (WLSocketException? error, long allocated, TimeSpan elapsed) = await Loopback.OnThread(() =>
        {
            var watch = Stopwatch.StartNew();
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                pair.Connection.Receive(Loopback.Deadline);
                return ((WLSocketException?)null, 0L, watch.Elapsed);
            }
            catch (WLSocketException ex)
            {
                return (ex, GC.GetAllocatedBytesForCurrentThread() - before, watch.Elapsed);
            }
        }).Within();

        Assert.NotNull(error);
        Assert.Equal(WLSocketError.MessageTooLarge, error.Error);
        Assert.InRange(allocated, 0, 1024 * 1024);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"took {elapsed}: the reader waited for a body it should have refused");

        // Desynchronised: every later receive fails the same way.
        var again = await Assert.ThrowsAsync<WLSocketException>(() => pair.Connection.ReceiveAsync(Loopback.Ct).AsTask()).Within();
        Assert.Equal(WLSocketError.MessageTooLarge, again.Error);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_100_MiB_header_under_the_default_64_MiB_maximum_is_refused_async()
    {
        using RawPair pair = await RawPair.StartAsync();
        Assert.Equal(MessageConnectionOptions.DefaultMaxMessageSize, pair.Connection.MaxMessageSize);
        await pair.Peer.SendAsync("104857600\r\n");
        var error = await Assert.ThrowsAsync<WLSocketException>(() => pair.Connection.ReceiveAsync(Loopback.Ct).AsTask()).Within();
        Assert.Equal(WLSocketError.MessageTooLarge, error.Error);

        // The kept bytes are the header, readable in raw mode once the mode is set again.
        pair.Connection.Mode = TransmissionMode.NoEndTag;
        Assert.Equal("104857600\r\n", await pair.Connection.ReceiveStringAsync(Loopback.Ct).Within());
    }

    [Theory(Timeout = 30_000)]
    [InlineData(TransmissionMode.EndTag, false)]
    [InlineData(TransmissionMode.EndTagBuffer, true)]
    public async Task No_marker_within_the_maximum_is_MessageTooLarge(TransmissionMode mode, bool sync)
    {
        using RawPair pair = await RawPair.StartAsync(new MessageConnectionOptions { Mode = mode, MaxMessageSize = 1000 });
        await pair.Peer.SendAsync(new string('a', 5000));
        Assert.Equal(WLSocketError.MessageTooLarge, (await ReceiveErrorAsync(pair.Connection, sync)).Error);
        Assert.Equal(WLSocketError.MessageTooLarge, (await ReceiveErrorAsync(pair.Connection, !sync)).Error);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Peer_closing_mid_message_is_ConnectionClosed_and_the_partial_bytes_stay_readable(bool sync)
    {
        using RawPair pair = await RawPair.StartAsync();
        await pair.Peer.SendAsync("10\r\nabc");
        pair.Peer.ShutdownSend();

        WLSocketException error = await ReceiveErrorAsync(pair.Connection, sync);
        Assert.Equal(WLSocketError.ConnectionClosed, error.Error);
        Assert.Contains("3 of the 10 announced bytes", error.Message, StringComparison.Ordinal);

        pair.Connection.Mode = TransmissionMode.NoEndTag;
        Assert.Equal("10\r\nabc", await pair.Connection.ReceiveStringAsync(Loopback.Ct).Within());
        Assert.Equal(WLSocketError.ConnectionClosed, (await ReceiveErrorAsync(pair.Connection, sync)).Error);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EndTag_data_after_the_marker_is_flagged_and_delivered_as_the_next_message(bool sync)
    {
        // F4: WinDev reports "end markers not respected" and loses the surplus; we flag it and keep it.
        // One small send on loopback arrives in one receive, so both messages are in the same receive.
        using RawPair pair = await RawPair.StartAsync(new MessageConnectionOptions { Mode = TransmissionMode.EndTag });
        await pair.Peer.SendAsync("one<EOF>two<EOF>");
        Assert.Equal("one", await ReceiveStringAsync(pair.Connection, sync));
        Assert.True(pair.Connection.LastReceiveHadDataAfterMarker);
        Assert.Equal("two", await ReceiveStringAsync(pair.Connection, sync));
        Assert.False(pair.Connection.LastReceiveHadDataAfterMarker);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EndTagBuffer_keeps_the_surplus_silently(bool sync)
    {
        using RawPair pair = await RawPair.StartAsync(new MessageConnectionOptions { Mode = TransmissionMode.EndTagBuffer });
        await pair.Peer.SendAsync("one<EOF>two<EOF>");
        Assert.Equal("one", await ReceiveStringAsync(pair.Connection, sync));
        Assert.False(pair.Connection.LastReceiveHadDataAfterMarker);
        Assert.Equal("two", await ReceiveStringAsync(pair.Connection, sync));
        Assert.False(pair.Connection.LastReceiveHadDataAfterMarker);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(TransmissionMode.SizePrefixed, false)]
    [InlineData(TransmissionMode.EndTag, true)]
    [InlineData(TransmissionMode.NoEndTag, false)]
    [InlineData(TransmissionMode.NoEndTag, true)]
    public async Task Clean_end_of_stream_is_ConnectionClosed_on_every_later_receive(TransmissionMode mode, bool sync)
    {
        // S7: the peer's orderly close is reported, and keeps being reported.
        using RawPair pair = await RawPair.StartAsync(new MessageConnectionOptions { Mode = mode });
        pair.Peer.ShutdownSend();
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(WLSocketError.ConnectionClosed, (await ReceiveErrorAsync(pair.Connection, sync ^ (i == 1))).Error);
        }

        Assert.True(pair.Connection.IsPeerClosed);
    }

    [Fact(Timeout = 30_000)]
    public async Task Peer_reset_is_ConnectionReset()
    {
        using RawPair pair = await RawPair.StartAsync();
        await pair.Peer.SendAsync("3\r\nab");
        pair.Peer.Reset();
        var error = await Assert.ThrowsAsync<WLSocketException>(() => pair.Connection.ReceiveAsync(Loopback.Ct).AsTask()).Within();
        // A reset may arrive before or after the two bytes are read; either way the read cannot complete normally.
        Assert.Contains(error.Error, new[] { WLSocketError.ConnectionReset, WLSocketError.ConnectionClosed });
    }

    private static Task<string> ReceiveStringAsync(MessageConnection connection, bool sync) => sync
        ? Loopback.OnThread(() => connection.ReceiveString(Loopback.Deadline)).Within()
        : connection.ReceiveStringAsync(Loopback.Ct).Within();

    private static async Task<WLSocketException> ReceiveErrorAsync(MessageConnection connection, bool sync)
    {
        if (sync)
        {
            WLSocketException? error = await Loopback.OnThread(() =>
            {
                try
                {
                    connection.Receive(Loopback.Deadline);
                    return null;
                }
                catch (WLSocketException ex)
                {
                    return ex;
                }
            }).Within();
            return error ?? throw new Xunit.Sdk.XunitException("The blocking receive returned a message instead of failing.");
        }

        return await Assert.ThrowsAsync<WLSocketException>(() => connection.ReceiveAsync(Loopback.Ct).AsTask()).Within();
    }
}
