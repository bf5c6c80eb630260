using System.Buffers.Binary;

namespace WLSockets.Chat.Backplane;

/// <summary>What an envelope on the Redis channel carries.</summary>
internal enum EnvelopeKind : byte
{
    /// <summary>A chat message, first sent.</summary>
    Message = (byte)'M',

    /// <summary>A chat message sent again for a server that rejoined (receivers drop what they have).</summary>
    Replay = (byte)'R',

    /// <summary>A server joins for the first time (the sequence field is a nonce): others answer with a mark.</summary>
    Hello = (byte)'H',

    /// <summary>A server rejoins after losing Redis (the sequence field is a nonce): others replay their recent messages.</summary>
    Rejoin = (byte)'J',

    /// <summary>"My last message has this sequence number": a new server starts counting from there.</summary>
    Mark = (byte)'S',
}

/// <summary>
/// The backplane's wire format: <c>"WLC1"</c>, kind (1 byte), sending server id (16 bytes), sequence number (8 bytes,
/// big-endian), then the chat message bytes unchanged.
/// </summary>
internal readonly record struct Envelope(EnvelopeKind Kind, Guid Server, long Sequence, ReadOnlyMemory<byte> Payload)
{
    public const int HeaderLength = 4 + 1 + 16 + 8;
    private static ReadOnlySpan<byte> Magic => "WLC1"u8;

    public byte[] ToBytes()
    {
        byte[] bytes = new byte[HeaderLength + Payload.Length];
        Magic.CopyTo(bytes);
        bytes[4] = (byte)Kind;
        Server.TryWriteBytes(bytes.AsSpan(5, 16));
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(21, 8), Sequence);
        Payload.Span.CopyTo(bytes.AsSpan(HeaderLength));
        return bytes;
    }

    /// <summary>Reads an envelope; false for anything else on the channel (or a payload above <paramref name="maxPayload"/>).</summary>
    public static bool TryParse(ReadOnlyMemory<byte> bytes, long maxPayload, out Envelope envelope)
    {
        envelope = default;
        ReadOnlySpan<byte> span = bytes.Span;
        if (span.Length < HeaderLength || !span[..4].SequenceEqual(Magic) || span.Length - HeaderLength > maxPayload)
        {
            return false;
        }

        var kind = (EnvelopeKind)span[4];
        if (kind is not (EnvelopeKind.Message or EnvelopeKind.Replay or EnvelopeKind.Hello or EnvelopeKind.Rejoin or EnvelopeKind.Mark))
        {
            return false;
        }

        envelope = new Envelope(kind, new Guid(span.Slice(5, 16)), BinaryPrimitives.ReadInt64BigEndian(span.Slice(21, 8)), bytes[HeaderLength..]);
        return true;
    }
}
