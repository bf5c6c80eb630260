using WLSockets.Text;

namespace WLSockets.InteropTests.Infrastructure;

/// <summary>Payloads and hex helpers shared by the tests.</summary>
internal static class Wire
{
    /// <summary>Every mode case with every way the Python peer writes frames (one write each, all in one, byte by byte).</summary>
    public static TheoryData<string, string> ModesAndSplits()
    {
        var data = new TheoryData<string, string>();
        foreach (string mode in ModeCase.All)
        {
            foreach (string split in new[] { "whole", "batch", "bytes" })
            {
                data.Add(mode, split);
            }
        }

        return data;
    }

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    public static byte[] Bytes(string hex) => Convert.FromHexString(hex);

    public static byte[] Ansi(string text) => WinDevEncodings.Ansi.GetBytes(text);

    /// <summary>A payload of <paramref name="length"/> bytes cycling through 0..250 in steps of 7: binary, and free of
    /// every marker used here (no 0D 0A, no "&lt;EOF&gt;", no "||").</summary>
    public static byte[] Pattern(int length, int seed)
    {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)((seed + (i * 7)) % 251);
        }

        return bytes;
    }

    /// <summary>
    /// Messages a client sends: the spec example, an ANSI accent, binary bytes (NUL, FF, a lone CR, a lone "&lt;"),
    /// one ending with all but the last byte of the marker when that stays unambiguous, an empty message (not in raw mode, where it is nothing at all) and, unless <paramref name="small"/>, a
    /// 20,000-byte message (five-digit length header, several TCP reads).
    /// </summary>
    public static List<byte[]> Requests(ModeCase mode, bool small = false)
    {
        List<byte[]> list = [Ansi("HelloWord"), Ansi("Café"), [0x00, 0x01, 0xFE, 0xFF, 0x0D, 0x3C, 0x7C, 0x41]];
        byte[] falseStart = [(byte)'x', .. mode.MarkerBytes.AsSpan(0, mode.MarkerBytes.Length - 1)];
        if (mode.Frame(falseStart).AsSpan().IndexOf(mode.MarkerBytes) == falseStart.Length)
        {
            list.Add(falseStart); // ends with the start of the marker ("x<EOF", "x\r"): a false start to look past
        }

        if (!mode.IsRaw)
        {
            list.Add([]);
        }

        if (!small)
        {
            list.Add(Pattern(20_000, 3));
        }

        list.Add(Ansi("end"));
        AssertMarkerFree(mode, list);
        return list;
    }

    /// <summary>Replies a server sends back (same shapes as <see cref="Requests"/>, other content).</summary>
    public static List<byte[]> Replies(ModeCase mode, bool small = false)
    {
        List<byte[]> list = [Ansi("OK"), [0xE9, 0x00, 0x0D, 0xFF]];
        if (!mode.IsRaw)
        {
            list.Add([]);
        }

        if (!small)
        {
            list.Add(Pattern(20_000, 100));
        }

        list.Add(Ansi("Hello world"));
        AssertMarkerFree(mode, list);
        return list;
    }

    /// <summary>
    /// Guards the test data: in a marker mode the first marker of each frame must be the one appended, so a payload
    /// may neither contain the marker nor end with its start ("|" before "||").
    /// </summary>
    public static void AssertMarkerFree(ModeCase mode, IEnumerable<byte[]> payloads)
    {
        if (mode.HasMarker)
        {
            foreach (byte[] payload in payloads)
            {
                Assert.True(mode.Frame(payload).AsSpan().IndexOf(mode.MarkerBytes) == payload.Length, $"Test data would be cut early by the marker {mode.MarkerHex}: {Hex(payload)}");
            }
        }
    }

    /// <summary>Receives <paramref name="expected"/>.Length bytes in raw mode, however many reads it takes.</summary>
    public static async Task<byte[]> ReceiveRawAsync(MessageConnection connection, int expected)
    {
        var received = new List<byte>(expected);
        while (received.Count < expected)
        {
            received.AddRange(await connection.ReceiveAsync(Tools.Timeout, Tools.Token));
        }

        return [.. received];
    }

    /// <summary>Receives in raw mode until the peer closes.</summary>
    public static async Task<byte[]> ReceiveRawToEndAsync(MessageConnection connection)
    {
        var received = new List<byte>();
        while (true)
        {
            try
            {
                received.AddRange(await connection.ReceiveAsync(Tools.Timeout, Tools.Token));
            }
            catch (WLSocketException ex) when (ex.Error == WLSocketError.ConnectionClosed)
            {
                return [.. received];
            }
        }
    }
}
