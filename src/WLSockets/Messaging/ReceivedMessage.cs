namespace WLSockets.Messaging;

/// <summary>
/// One message cut out of the stream (<paramref name="Payload"/>, empty when it was written to the caller's buffer),
/// its <paramref name="Length"/>, and whether more bytes followed its end marker in the buffer.
/// </summary>
internal readonly record struct ReceivedMessage(byte[] Payload, bool DataAfterMarker, int Length);
