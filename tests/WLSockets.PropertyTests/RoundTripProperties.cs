using System.Text;
using CsCheck;
using WLSockets.Fuzz.Targets;
using WLSockets.Text;

namespace WLSockets.PropertyTests;

/// <summary>
/// Encode → cut anywhere → decode returns exactly the messages sent, for every framing mode and every string encoding,
/// through the real receive path.
/// </summary>
public class RoundTripProperties
{
    private const int Max = 64 * 1024;

    private static readonly Gen<List<int>> s_cuts = Gen.Frequency(
        (1, Gen.Int[1, 3].List[1, 8]),
        (2, Gen.Int[1, 64].List[1, 8]),
        (1, Gen.Int[1, 70_000].List[1, 4]));

    /// <summary>Message payloads: mostly short, some empty, some made of marker-like bytes.</summary>
    private static readonly Gen<byte[]> s_payload = Gen.Frequency(
        (4, Gen.Byte.Array[0, 40]),
        (2, Gen.OneOf<byte>(0x0D, 0x0A, 0x04, 0x00, (byte)'<', (byte)'E', (byte)'O', (byte)'F', (byte)'>', (byte)'a', (byte)'b', (byte)'9').Array[0, 30]),
        (1, Gen.Byte.Array[0, 5000]));

    public static TheoryData<TransmissionMode> FramedModes => [TransmissionMode.SizePrefixed, TransmissionMode.EndTag, TransmissionMode.EndTagBuffer];

    [Theory]
    [MemberData(nameof(FramedModes))]
    public void Bytes_encoded_then_cut_anywhere_decode_to_exactly_the_messages(TransmissionMode mode)
    {
        Gen<(byte[] Marker, List<byte[]> Messages, List<int> Cuts, bool Sync)> gen =
            from marker in Gen.OneOf(FramingDriver.Markers.ToArray())
            from messages in s_payload.Where(m => mode == TransmissionMode.SizePrefixed || RoundTrips(m, marker)).List[0, 12]
            from cuts in s_cuts
            from sync in Gen.Bool
            select (marker, messages, cuts, sync);
        Bounded.Check(gen, c =>
        {
            byte[] wire = FramingDriver.Encode(c.Messages, mode, c.Marker);
            FramingDriver.Decoded decoded = FramingDriver.Decode(FramingDriver.Cut(wire, c.Cuts), mode, c.Marker, Max, synchronous: c.Sync);
            Assert.Equal(WLSocketError.ConnectionClosed, decoded.End.Error);
            Assert.Equal(c.Messages.Select(Convert.ToHexString), decoded.Messages.Select(Convert.ToHexString));
        }, Bounded.Iterations(400), c => $"marker {Convert.ToHexString(c.Marker)}, {c.Messages.Count} messages, cuts [{string.Join(',', c.Cuts)}]");
    }

    [Fact]
    public void Raw_mode_returns_every_byte_once_in_order_in_reads_of_at_most_the_read_size()
    {
        Gen<(byte[] Wire, List<int> Cuts, int ReadSize)> gen = Gen.Select(Gen.Byte.Array[1, 20_000], s_cuts, Gen.Int[1, 70_000]);
        Bounded.Check(gen, c =>
        {
            FramingDriver.Decoded decoded = FramingDriver.Decode(FramingDriver.Cut(c.Wire, c.Cuts), TransmissionMode.NoEndTag, [0x04], Max, c.ReadSize);
            Assert.Equal(WLSocketError.ConnectionClosed, decoded.End.Error);
            Assert.All(decoded.Messages, m => Assert.InRange(m.Length, 1, c.ReadSize));
            Assert.Equal(Convert.ToHexString(c.Wire), Convert.ToHexString(decoded.Messages.SelectMany(m => m).ToArray()));
        }, Bounded.Iterations(300));
    }

    public static TheoryData<string, TransmissionMode> EncodingsAndModes()
    {
        var data = new TheoryData<string, TransmissionMode>();
        foreach (string encoding in WinDevEncodings.Names)
        {
            foreach (TransmissionMode mode in (TransmissionMode[])[TransmissionMode.SizePrefixed, TransmissionMode.EndTag, TransmissionMode.EndTagBuffer])
            {
                data.Add(encoding, mode);
            }
        }

        return data;
    }

    /// <summary>The string path: <c>SendAsync(string)</c> encodes, <c>ReceiveStringAsync</c> decodes with the same encoding.</summary>
    [Theory]
    [MemberData(nameof(EncodingsAndModes))]
    public void Strings_encoded_then_cut_anywhere_decode_to_exactly_the_strings(string encodingName, TransmissionMode mode)
    {
        Encoding encoding = WinDevEncodings.FromName(encodingName);
        string[] units = encoding == WinDevEncodings.Ansi
            ? ["a", "Z", "é", "€", "ÿ", "\r\n", "<", "EOF", ">", "\0", "\u0004", "9", " "]
            : ["a", "Z", "é", "€", "漢", "😀", "\r\n", "<", "EOF", ">", "\0", "\u0004", "9", " "];
        Gen<string> text = Gen.OneOf(units).Array[0, 30].Select(parts => string.Concat(parts));
        Gen<(string Marker, List<string> Messages, List<int> Cuts)> gen =
            from marker in Gen.OneOf("<EOF>", "\r\n", "\u0004", "||")
            from messages in text.Where(t => mode == TransmissionMode.SizePrefixed || RoundTrips(encoding.GetBytes(t), WLSockets.Framing.Markers.Encode(marker, encoding))).List[0, 8]
            from cuts in s_cuts
            select (marker, messages, cuts);
        Bounded.Check(gen, c =>
        {
            byte[] marker = WLSockets.Framing.Markers.Encode(c.Marker, encoding);
            byte[] wire = FramingDriver.Encode(c.Messages.Select(encoding.GetBytes), mode, marker);
            FramingDriver.Decoded decoded = FramingDriver.Decode(FramingDriver.Cut(wire, c.Cuts), mode, marker, Max);
            Assert.Equal(WLSocketError.ConnectionClosed, decoded.End.Error);
            Assert.Equal(c.Messages, decoded.Messages.Select(m => encoding.GetString(m)));
        }, Bounded.Iterations(150));
    }

    /// <summary>A payload survives a marker framing when the first marker in payload + marker is the one appended.</summary>
    private static bool RoundTrips(byte[] payload, byte[] marker) => ((ReadOnlySpan<byte>)[.. payload, .. marker]).IndexOf(marker) == payload.Length;
}
