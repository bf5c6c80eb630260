namespace WLSockets.Messaging;

/// <summary>One message cut out of the stream, and whether more bytes followed its end marker in the buffer.</summary>
internal readonly record struct ReceivedMessage(byte[] Payload, bool DataAfterMarker);
