using CsCheck;
using WLSockets.Fuzz.Targets;

namespace WLSockets.PropertyTests;

/// <summary>
/// Memory follows what a peer sends, never what it announces: a length header announcing up to the maximum (64 MiB by
/// default) followed by a few bytes allocates in proportion to those bytes; above the maximum, nothing of its size.
/// </summary>
public class AllocationProperties
{
    private const long DefaultMax = 64L * 1024 * 1024;

    [Fact]
    public void An_announced_length_allocates_only_what_arrived()
    {
        Gen<(long Announced, int Sent, List<int> Cuts)> gen = Gen.Select(Gen.Long[1_000_000, DefaultMax], Gen.Int[0, 50_000], Gen.Int[1, 20_000].List[1, 4]);
        Bounded.Check(gen, c =>
        {
            byte[] wire = [.. System.Text.Encoding.ASCII.GetBytes($"{c.Announced}\r\n"), .. new byte[c.Sent]];
            List<byte[]> pieces = FramingDriver.Cut(wire, c.Cuts);
            FramingDriver.Decoded decoded = default!;
            long allocated = Bounded.Allocated(() => decoded = FramingDriver.Decode(pieces, TransmissionMode.SizePrefixed, [0x04], DefaultMax));
            Assert.Equal(WLSocketError.ConnectionClosed, decoded.End.Error); // the peer closed mid-message
            long budget = (8L * wire.Length) + (512 * 1024);
            Assert.True(allocated <= budget, $"{allocated:N0} bytes allocated for {c.Sent:N0} bytes of an announced {c.Announced:N0}-byte message (budget {budget:N0}).");
        }, Bounded.Iterations(60));
    }

    [Fact]
    public void A_length_above_the_maximum_fails_before_anything_of_its_size_is_allocated()
    {
        Gen<(long Max, long Announced)> gen = Gen.Long[0, 1 << 20].SelectMany(max => Gen.Long[max + 1, 9_999_999_999].Select(a => (max, a)));
        Bounded.Check(gen, c =>
        {
            byte[] wire = [.. System.Text.Encoding.ASCII.GetBytes($"{c.Announced}\r\n"), 1, 2, 3];
            FramingDriver.Decoded decoded = default!;
            long allocated = Bounded.Allocated(() => decoded = FramingDriver.Decode([wire], TransmissionMode.SizePrefixed, [0x04], c.Max));
            Assert.Equal(WLSocketError.MessageTooLarge, decoded.End.Error);
            Assert.True(allocated < 256 * 1024, $"{allocated:N0} bytes allocated to refuse a {c.Announced:N0}-byte message.");
        }, Bounded.Iterations(200));
    }

    [Fact]
    public void An_endless_message_without_its_marker_stops_at_the_maximum()
    {
        Gen<(int Max, int Sent)> gen = Gen.Int[16, 64 * 1024].SelectMany(max => Gen.Int[max + 1, max * 3].Select(sent => (max, sent)));
        Bounded.Check(gen, c =>
        {
            byte[] wire = new byte[c.Sent];
            FramingDriver.Decoded decoded = default!;
            long allocated = Bounded.Allocated(() => decoded = FramingDriver.Decode(FramingDriver.Cut(wire, [4096]), TransmissionMode.EndTagBuffer, "<EOF>"u8.ToArray(), c.Max));
            Assert.Equal(WLSocketError.MessageTooLarge, decoded.End.Error);
            Assert.True(allocated <= (4L * c.Max) + (3L * c.Sent) + (256 * 1024), $"{allocated:N0} bytes allocated with a {c.Max:N0}-byte maximum.");
        }, Bounded.Iterations(100));
    }
}
