using System.Globalization;
using System.Text;

namespace WLSockets.InteropTests.Reliability;

/// <summary>
/// Self-checking messages: <c>S{sequence:D10}L{length:D6}H{FNV-1a 64 of the payload:X16}:</c> then the payload, all
/// ASCII letters (no end marker can appear inside). A parser finds them in a byte stream too (raw mode).
/// </summary>
internal static class Records
{
    public const int HeaderLength = 36;

    public static byte[] Make(long sequence, int length, Random random)
    {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++)
        {
            payload[i] = (byte)('a' + random.Next(26));
        }

        string header = string.Create(CultureInfo.InvariantCulture, $"S{sequence:D10}L{length:D6}H{Fnv(payload):X16}:");
        return [.. Encoding.ASCII.GetBytes(header), .. payload];
    }

    /// <summary>Takes every whole record off the front of <paramref name="buffer"/>: (sequence, intact) each.</summary>
    public static List<(long Sequence, bool Intact)> TakeAll(List<byte> buffer)
    {
        var found = new List<(long, bool)>();
        while (buffer.Count >= HeaderLength)
        {
            string header = Encoding.ASCII.GetString([.. buffer.GetRange(0, HeaderLength)]);
            if (header[0] != 'S' || header[11] != 'L' || header[18] != 'H' || header[35] != ':'
                || !long.TryParse(header.AsSpan(1, 10), NumberStyles.None, CultureInfo.InvariantCulture, out long sequence)
                || !int.TryParse(header.AsSpan(12, 6), NumberStyles.None, CultureInfo.InvariantCulture, out int length))
            {
                found.Add((-1, false)); // not a record header: the stream is corrupted
                buffer.Clear();
                break;
            }

            if (buffer.Count < HeaderLength + length)
            {
                break;
            }

            byte[] payload = [.. buffer.GetRange(HeaderLength, length)];
            found.Add((sequence, header.AsSpan(19, 16).SequenceEqual(Fnv(payload).ToString("X16", CultureInfo.InvariantCulture))));
            buffer.RemoveRange(0, HeaderLength + length);
        }

        return found;
    }

    private static ulong Fnv(ReadOnlySpan<byte> data)
    {
        ulong hash = 14695981039346656037;
        foreach (byte b in data)
        {
            hash = (hash ^ b) * 1099511628211;
        }

        return hash;
    }
}
