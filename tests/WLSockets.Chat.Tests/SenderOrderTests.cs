using WLSockets.Chat.Backplane;

namespace WLSockets.Chat.Tests;

public class SenderOrderTests
{
    private static string Texts(List<byte[]> delivered) => string.Join(",", delivered.Select(b => b[0].ToString(System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Duplicates_and_replays_are_dropped_and_a_gap_is_filled_in_order()
    {
        var order = new SenderOrder(0);
        var delivered = new List<byte[]>();
        order.Accept(1, [1], 0, delivered);
        order.Accept(1, [1], 0, delivered);     // duplicate
        order.Accept(3, [3], 0, delivered);     // ahead of 2: held
        order.Accept(4, [4], 0, delivered);
        Assert.Equal("1", Texts(delivered));
        order.Accept(2, [2], 1, delivered);     // the replay fills the gap
        Assert.Equal("1,2,3,4", Texts(delivered));
        order.Accept(3, [3], 1, delivered);
        Assert.Equal(2, order.Duplicates);
        Assert.Equal(4, order.LastDelivered);
    }

    [Fact]
    public void A_gap_that_never_fills_is_given_up_after_the_timeout_and_counted_as_lost()
    {
        var order = new SenderOrder(10);
        var delivered = new List<byte[]>();
        order.Accept(13, [13], 100, delivered);
        Assert.Equal(0, order.Expire(150, 100, delivered));
        Assert.Empty(delivered);
        Assert.Equal(2, order.Expire(200, 100, delivered));
        Assert.Equal("13", Texts(delivered));
    }

    [Fact]
    public void Envelopes_round_trip_and_foreign_bytes_are_ignored()
    {
        var id = Guid.NewGuid();
        byte[] bytes = new Envelope(EnvelopeKind.Message, id, 42, new byte[] { 1, 2, 3 }).ToBytes();
        Assert.True(Envelope.TryParse(bytes, 10, out Envelope parsed));
        Assert.Equal((EnvelopeKind.Message, id, 42L), (parsed.Kind, parsed.Server, parsed.Sequence));
        Assert.Equal([1, 2, 3], parsed.Payload.ToArray());
        Assert.False(Envelope.TryParse(bytes, 2, out _));          // payload above the limit
        Assert.False(Envelope.TryParse("hello"u8.ToArray(), 10, out _));
        bytes[4] = (byte)'Z';
        Assert.False(Envelope.TryParse(bytes, 10, out _));
    }
}
