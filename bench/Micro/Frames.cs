using WLSockets.Framing;

namespace WLSockets.Benchmarks;

/// <summary>Message sizes and input shapes shared by the benchmarks.</summary>
public static class Frames
{
    public static readonly byte[] Marker = "<EOF>"u8.ToArray();

    public static byte[] Payload(int size) => Enumerable.Repeat((byte)'x', size).ToArray();

    /// <summary>
    /// <paramref name="count"/> frames of <paramref name="size"/> bytes back to back; the receive chunks are either the
    /// whole stream at once (coalesced) or each frame cut in two in its middle (split: every message needs two
    /// receives, and the first half of a length header or a marker may end a chunk).
    /// </summary>
    public static List<byte[]> Chunks(TransmissionMode mode, int size, int count, bool split)
    {
        byte[] frame = FrameEncoder.Encode(mode, Payload(size), Marker);
        if (!split)
        {
            byte[] all = new byte[frame.Length * count];
            for (int i = 0; i < count; i++)
            {
                frame.CopyTo(all, i * frame.Length);
            }

            return [all];
        }

        var chunks = new List<byte[]>();
        int cut = frame.Length / 2;
        for (int i = 0; i < count; i++)
        {
            chunks.Add(frame[..cut]);
            chunks.Add(frame[cut..]);
        }

        return chunks;
    }

    /// <summary>Enough messages per invocation that a small message's time is measurable, few for big ones.</summary>
    public static int CountFor(int size) => Math.Clamp(64 * 1024 / size, 1, 256);
}
