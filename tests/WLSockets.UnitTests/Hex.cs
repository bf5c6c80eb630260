using System.Text;

namespace WLSockets.UnitTests;

/// <summary>Spec examples are written as spaced hex ("39 0D 0A ..."); these convert both ways.</summary>
internal static class Hex
{
    public static byte[] Bytes(string spaced) => Convert.FromHexString(spaced.Replace(" ", "", StringComparison.Ordinal));

    public static string Of(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length * 3);
        foreach (byte b in bytes)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
