using System.Globalization;

namespace WLSockets.Transports.Bluetooth;

/// <summary>A 48-bit Bluetooth device address (BD_ADDR), most significant byte first as people write it.</summary>
internal readonly record struct BluetoothAddress(ulong Value)
{
    /// <summary>The "any local adapter" address (BDADDR_ANY), used to bind a server.</summary>
    public static BluetoothAddress Any => new(0);

    /// <summary>
    /// Parses <c>XX:XX:XX:XX:XX:XX</c>, <c>XX-XX-XX-XX-XX-XX</c> or 12 hexadecimal digits, any case (open question B2).
    /// </summary>
    /// <exception cref="WLSocketException"><see cref="WLSocketError.InvalidArgument"/>, naming the accepted forms.</exception>
    public static BluetoothAddress Parse(string? text)
    {
        if (TryParse(text, out BluetoothAddress address))
        {
            return address;
        }

        throw new WLSocketException(WLSocketError.InvalidArgument,
            $"Invalid Bluetooth device address '{text}': write it as XX:XX:XX:XX:XX:XX, XX-XX-XX-XX-XX-XX or 12 hexadecimal digits (as BTListePériphérique returns it), for example 00:1A:7D:DA:71:13.");
    }

    public static bool TryParse(string? text, out BluetoothAddress address)
    {
        address = default;
        string s = (text ?? "").Trim();
        string digits;
        if (s.Length == 17)
        {
            char separator = s[2];
            if (separator is not (':' or '-'))
            {
                return false;
            }

            for (int i = 2; i < 17; i += 3)
            {
                if (s[i] != separator)
                {
                    return false;
                }
            }

            digits = s.Replace(separator.ToString(), "", StringComparison.Ordinal);
        }
        else
        {
            digits = s;
        }

        if (digits.Length != 12 || !digits.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        address = new BluetoothAddress(ulong.Parse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>The six bytes, most significant first (the written order).</summary>
    public byte[] ToBytesBigEndian()
    {
        byte[] bytes = new byte[6];
        for (int i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(Value >> (8 * (5 - i)));
        }

        return bytes;
    }

    /// <summary>Builds an address from six bytes, least significant first (Linux <c>bdaddr_t</c> order).</summary>
    public static BluetoothAddress FromLittleEndian(ReadOnlySpan<byte> bytes)
    {
        ulong value = 0;
        for (int i = 5; i >= 0; i--)
        {
            value = (value << 8) | bytes[i];
        }

        return new BluetoothAddress(value);
    }

    /// <summary><c>XX:XX:XX:XX:XX:XX</c>, upper case (the form <c>SocketClientInfo</c> returns, open question B7).</summary>
    public override string ToString() => string.Join(':', ToBytesBigEndian().Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
}
