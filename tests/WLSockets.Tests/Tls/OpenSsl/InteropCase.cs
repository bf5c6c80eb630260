using System.Security.Authentication;
using System.Text;
using WLSockets.Text;

namespace WLSockets.Tests.Tls.OpenSsl;

/// <summary>One framing mode and the exact WinDev bytes it puts on the wire, written from the specification (not from the library).</summary>
internal static class InteropCase
{
    private static readonly byte[] s_endTag = "<EOF>"u8.ToArray();
    private static readonly byte[] s_crlf = "\r\n"u8.ToArray();

    public static TheoryData<TransmissionMode, string, bool> All()
    {
        var data = new TheoryData<TransmissionMode, string, bool>();
        foreach (TransmissionMode mode in Enum.GetValues<TransmissionMode>())
        {
            foreach (string version in new[] { "1.2", "1.3" })
            {
                data.Add(mode, version, false);
                data.Add(mode, version, true);
            }
        }

        return data;
    }

    public static SslProtocols Protocol(string version) => version == "1.3" ? SslProtocols.Tls13 : SslProtocols.Tls12;

    public static string OpenSslFlag(string version) => version == "1.3" ? "-tls1_3" : "-tls1_2";

    public static MessageConnectionOptions Options(TransmissionMode mode) => new()
    {
        Mode = mode,
        Marker = mode == TransmissionMode.EndTagBuffer ? "\r\n" : "<EOF>",
    };

    /// <summary>Three messages: WinDev's example, Windows-1252 accents, and one larger than a TLS record (16 KiB).</summary>
    public static List<byte[]> Payloads(string seed)
    {
        var random = new Random(seed.GetHashCode(StringComparison.Ordinal));
        byte[] large = new byte[20_000];
        random.NextBytes(large);
        for (int i = 0; i < large.Length; i++)
        {
            if (large[i] is (byte)'<' or (byte)'\r')
            {
                large[i] = (byte)'x'; // no marker inside a payload
            }
        }

        return ["HelloWord"u8.ToArray(), WinDevEncodings.Ansi.GetBytes("Réponse à l'été " + seed), large];
    }

    /// <summary>What one message looks like on the wire.</summary>
    public static byte[] Frame(TransmissionMode mode, byte[] payload) => mode switch
    {
        TransmissionMode.SizePrefixed => [.. Encoding.ASCII.GetBytes(payload.Length + "\r\n"), .. payload],
        TransmissionMode.EndTag => [.. payload, .. s_endTag],
        TransmissionMode.EndTagBuffer => [.. payload, .. s_crlf],
        _ => payload,
    };

    public static byte[] Frames(TransmissionMode mode, IEnumerable<byte[]> payloads) => payloads.SelectMany(p => Frame(mode, p)).ToArray();

    /// <summary>Receives the messages a peer sent and checks them (raw mode: the concatenated bytes).</summary>
    public static async Task ReceiveAndCheckAsync(MessageConnection connection, List<byte[]> expected)
    {
        if (connection.Mode == TransmissionMode.NoEndTag)
        {
            byte[] all = expected.SelectMany(p => p).ToArray();
            Assert.Equal(Convert.ToHexString(all), Convert.ToHexString(await Loopback.ReceiveRawAsync(connection, all.Length)));
            return;
        }

        foreach (byte[] payload in expected)
        {
            byte[] received = await connection.ReceiveAsync(Loopback.Deadline, Loopback.Ct).Within();
            Assert.Equal(Convert.ToHexString(payload), Convert.ToHexString(received));
        }
    }
}
