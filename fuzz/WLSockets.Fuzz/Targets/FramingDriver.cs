using WLSockets.Framing;
using WLSockets.Internal;
using WLSockets.Messaging;
using WLSockets.Text;
using WLSockets.UnitTests.Fakes;

namespace WLSockets.Fuzz.Targets;

/// <summary>
/// Drives the real receive path (<see cref="MessageReader"/> over the unit tests' <see cref="ScriptedTransport"/>) with
/// wire bytes cut into given pieces, and reads until the first error: what a connection sees from a peer.
/// </summary>
internal static class FramingDriver
{
    /// <summary>The markers the targets pick from: WinDev's named ones, a self-overlapping one, UTF-16 &lt;EOF&gt;.</summary>
    public static IReadOnlyList<byte[]> Markers { get; } =
    [
        "<EOF>"u8.ToArray(), [0x0D, 0x0A], [0x04], "aab"u8.ToArray(), System.Text.Encoding.Unicode.GetBytes("<EOF>"), [0x0A], [0x00], "<EOF><"u8.ToArray(),
    ];

    /// <summary>ANSI, UTF-16LE and UTF-8: the string paths of <c>ReceiveString</c>.</summary>
    public static IReadOnlyList<System.Text.Encoding> Encodings { get; } = [WinDevEncodings.Ansi, WinDevEncodings.Utf16, WinDevEncodings.Utf8];

    /// <summary>The result of reading a wire to its end.</summary>
    /// <param name="Messages">Every message returned, in order.</param>
    /// <param name="End">The error that ended the reads (<see cref="WLSocketError.ConnectionClosed"/> at a clean end).</param>
    /// <param name="Reads">How many reads were made (including the failing one).</param>
    public sealed record Decoded(List<byte[]> Messages, WLSocketException End, int Reads);

    /// <summary>Cuts <paramref name="wire"/> into pieces of the given sizes (cycling; the last piece takes the rest).</summary>
    public static List<byte[]> Cut(ReadOnlySpan<byte> wire, IReadOnlyList<int> sizes)
    {
        var pieces = new List<byte[]>();
        int offset = 0;
        for (int i = 0; offset < wire.Length; i++)
        {
            int size = sizes.Count == 0 ? wire.Length : Math.Clamp(sizes[i % sizes.Count], 1, wire.Length - offset);
            pieces.Add(wire.Slice(offset, size).ToArray());
            offset += size;
        }

        return pieces;
    }

    /// <summary>
    /// Reads messages until an error. The number of reads is bounded by the wire's length: a read that returns a message
    /// consumes at least one byte, except in a length-prefixed <c>"0\r\n"</c> (3 bytes) or a marker alone.
    /// </summary>
    public static Decoded Decode(IEnumerable<byte[]> pieces, TransmissionMode mode, byte[] marker, long maxMessageSize,
        int rawReadSize = 1024, bool synchronous = true)
    {
        var transport = new ScriptedTransport(pieces.Where(p => p.Length > 0)); // a receive never returns 0 bytes but at the end
        using var reader = new MessageReader(transport);
        FramingState framing = FramingState.Create(mode, "<EOF>", WinDevEncodings.Ansi).WithMarker(marker);
        var messages = new List<byte[]>();
        IOBehavior io = synchronous ? IOBehavior.Synchronous : IOBehavior.Asynchronous;
        for (int reads = 1; ; reads++)
        {
            ValueTask<ReceivedMessage> read = reader.ReadAsync(io, framing, maxMessageSize, rawReadSize, TimeSpan.Zero, Deadline.Infinite, CancellationToken.None);
            if (!read.IsCompleted)
            {
                throw new UndocumentedOutcomeException("A read over an in-memory transport did not complete synchronously.");
            }

            try
            {
                ReceivedMessage message = read.Result;
                messages.Add(message.Payload);
            }
            catch (WLSocketException end)
            {
                return new Decoded(messages, end, reads);
            }

            if (reads > 1_000_000)
            {
                throw new UndocumentedOutcomeException("More than a million messages from one input: the reader makes no progress.");
            }
        }
    }

    /// <summary>The frames of <paramref name="messages"/>, concatenated, as the send path writes them.</summary>
    public static byte[] Encode(IEnumerable<byte[]> messages, TransmissionMode mode, byte[] marker)
    {
        var wire = new MemoryStream();
        foreach (byte[] message in messages)
        {
            wire.Write(FrameEncoder.Encode(mode, message, marker));
        }

        return wire.ToArray();
    }
}
