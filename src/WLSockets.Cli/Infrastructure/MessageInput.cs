using System.Runtime.CompilerServices;
using System.Text;

namespace WLSockets.Cli.Infrastructure;

/// <summary>The messages typed by a user (arguments or stdin lines), as the bytes to send: shared by the TCP and UDP senders.</summary>
internal static class MessageInput
{
    /// <summary>Hex (with <paramref name="hex"/>) parsed to bytes, else text encoded with <paramref name="encoding"/>.</summary>
    /// <exception cref="UsageException">Bad hex.</exception>
    public static byte[] Encode(string message, bool hex, Encoding encoding) =>
        hex ? ByteFormat.ParseHex(message) : encoding.GetBytes(message);

    /// <summary>Each line of stdin (without its LF or CR LF) as one message, as soon as it is read, until end of input.</summary>
    public static async IAsyncEnumerable<byte[]> ReadStdinAsync(bool hex, Encoding encoding, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            yield return Encode(line, hex, encoding);
        }
    }
}
