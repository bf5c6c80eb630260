using System.Text;
using WLSockets.Framing;

namespace WLSockets.Fuzz.Targets;

/// <summary>
/// The WinDev framings through the real receive path: length prefix, end marker (with and without carry-over), raw, and
/// the ANSI / UTF-16 / UTF-8 string decoding of what they return.
/// </summary>
/// <remarks>
/// Input: byte 0 picks the mode (bits 0–1), the marker (bits 2–4) and the encoding (bits 5–6); byte 1 seeds how the
/// wire is cut into receives; byte 2 is the raw read size; the rest is the wire. Invariants: only the documented errors;
/// no message above the maximum; the same messages and the same end however the wire is cut; the messages re-encoded and
/// decoded again give themselves; with a marker, the re-encoded messages are exactly the start of the wire; raw mode
/// returns every byte once, in order.
/// </remarks>
internal sealed class WinDevFramingTarget : ParserTarget
{
    /// <summary>Small, so that inputs reach the "too large" paths.</summary>
    public const int MaxMessageSize = 512;

    public override string Name => "windev-framing";

    /// <summary>One-byte messages cost an array, a string and a re-encoded frame each, three decodes over: ~250 bytes per input byte.</summary>
    public override long AllocationBudget(int inputLength) => (256L * inputLength) + (1024 * 1024);

    public override IReadOnlyList<byte[]> Seeds { get; } =
    [
        [0x00, 0x00, 0x10, .. "9\r\nHelloWord"u8],                                  // length prefix, the spec's first example
        [0x20, 0x03, 0x10, 0x34, 0x0D, 0x0A, 0x48, 0x00, 0x69, 0x00],                // length prefix, UTF-16 "Hi"
        [0x00, 0x01, 0x10, .. "9\r\nHelloWord4\r\nabcd0\r\n3\nabc"u8],             // several, LF-only header accepted
        [0x00, 0x05, 0x10, .. "99999999999\r\n"u8],                                  // 11 digits: framing error
        [0x00, 0x02, 0x10, .. "4x\r\nabcd"u8],                                       // not a number
        [0x01, 0x00, 0x10, .. "Hello world<EOF>"u8],                                 // end marker <EOF>
        [0x05, 0x02, 0x10, .. "Hello world\r\n"u8],                                  // end marker CRLF
        [0x09, 0x01, 0x10, 0x48, 0x69, 0x04, 0x04],                                 // EOT, an empty message
        [0x0E, 0x03, 0x10, .. "aaabaabaaaab"u8],                                     // self-overlapping marker "aab", carry-over
        [0x32, 0x00, 0x10, 0x48, 0x00, 0x69, 0x00, 0x3C, 0x00, 0x45, 0x00, 0x4F, 0x00, 0x46, 0x00, 0x3E, 0x00], // UTF-16 <EOF>
        [0x02, 0x04, 0x10, .. "a<EOF>bb<EOF><EOF>ccc<EOF>"u8],
        [0x03, 0x00, 0x03, 0x00, 0x01, 0x0D, 0x0A, 0x3C, 0x45, 0x4F, 0x46, 0x3E, 0x39, 0x0D, 0x0A, 0xFF, 0xFE, 0x7F, 0x80, 0x41, 0x42], // raw
        [0x40, 0x00, 0x10, .. "6\r\n\xC3\xA9t\xC3\xA9"u8],                           // UTF-8 "été"
    ];

    public override void Run(ReadOnlySpan<byte> input)
    {
        if (input.Length < 3)
        {
            return;
        }

        var mode = (TransmissionMode)(input[0] & 0x03) switch
        {
            (TransmissionMode)0 => TransmissionMode.SizePrefixed,
            (TransmissionMode)1 => TransmissionMode.EndTag,
            (TransmissionMode)2 => TransmissionMode.EndTagBuffer,
            _ => TransmissionMode.NoEndTag,
        };
        byte[] marker = FramingDriver.Markers[(input[0] >> 2) & 0x07];
        Encoding encoding = FramingDriver.Encodings[((input[0] >> 5) & 0x03) % FramingDriver.Encodings.Count];
        int rawReadSize = 1 + input[2];
        ReadOnlySpan<byte> wire = input[3..];
        var sizes = new List<int>();
        var random = new Random(input[1]);
        for (int i = 0; i < 16; i++)
        {
            sizes.Add(random.Next(1, 1 + (input[1] % 64) + 1));
        }

        FramingDriver.Decoded whole = FramingDriver.Decode(wire.IsEmpty ? [] : [wire.ToArray()], mode, marker, MaxMessageSize, rawReadSize);
        FramingDriver.Decoded cut = FramingDriver.Decode(FramingDriver.Cut(wire, sizes), mode, marker, MaxMessageSize, rawReadSize, synchronous: (input[1] & 1) == 0);
        foreach (FramingDriver.Decoded decoded in (ReadOnlySpan<FramingDriver.Decoded>)[whole, cut])
        {
            if (mode == TransmissionMode.NoEndTag)
            {
                ExpectDocumented(decoded.End, WLSocketError.ConnectionClosed);
                Check(decoded.Messages.All(m => m.Length >= 1 && m.Length <= rawReadSize), "A raw read returned nothing or more than its read size.");
            }
            else
            {
                ExpectDocumented(decoded.End, WLSocketError.ConnectionClosed, WLSocketError.FramingError, WLSocketError.MessageTooLarge);
                Check(decoded.Messages.All(m => m.Length <= MaxMessageSize), "A message above the maximum was returned.");
                Check(mode == TransmissionMode.SizePrefixed || decoded.End.Error != WLSocketError.FramingError, "A framing error in a marker mode.");
            }

            foreach (byte[] message in decoded.Messages)
            {
                string text = encoding.GetString(message);
                Check(text.Length <= message.Length, "A decoded string is longer than its bytes.");
            }
        }

        if (mode == TransmissionMode.NoEndTag)
        {
            // Raw reads may return different slices depending on the cuts, but the same bytes once each, in order.
            byte[] all = whole.Messages.SelectMany(m => m).ToArray();
            Check(all.AsSpan().SequenceEqual(wire), "Raw mode lost, duplicated or reordered bytes.");
            Check(cut.Messages.SelectMany(m => m).SequenceEqual(all), "Raw mode returned other bytes when the wire was cut differently.");
            return;
        }

        Check(whole.End.Error == cut.End.Error, $"The end differs with the cuts: {whole.End.Error} whole, {cut.End.Error} cut.");
        Check(whole.Messages.Count == cut.Messages.Count && whole.Messages.Zip(cut.Messages).All(p => p.First.AsSpan().SequenceEqual(p.Second)),
            "The messages differ when the wire is cut differently.");
        if (mode != TransmissionMode.SizePrefixed)
        {
            Check(whole.Messages.All(m => m.AsSpan().IndexOf(marker) < 0), "A message contains the end marker.");
            Check(wire.StartsWith(FramingDriver.Encode(whole.Messages, mode, marker)), "The messages and their markers are not the start of the wire.");
        }

        FramingDriver.Decoded again = FramingDriver.Decode([FramingDriver.Encode(whole.Messages, mode, marker)], mode, marker, MaxMessageSize);
        Check(again.End.Error == WLSocketError.ConnectionClosed && again.Messages.Count == whole.Messages.Count
            && again.Messages.Zip(whole.Messages).All(p => p.First.AsSpan().SequenceEqual(p.Second)), "Re-encoded messages do not decode to themselves.");
    }
}
