namespace WLSockets.Framing;

/// <summary>
/// WinDev <c>SocketMarqueurFin</c> and <c>SocketMarqueurFinBuffer</c>: <c>&lt;payload&gt; &lt;marker&gt;</c>.
/// Pure functions, no I/O.
/// </summary>
/// <remarks>
/// The marker is matched on its full byte sequence, so a marker split across two receives is found once both
/// halves are buffered (open question F5). The caller may skip bytes already
/// scanned without a match (<c>searchFrom</c> of <see cref="TryRead"/>), which keeps a large message linear to scan.
/// </remarks>
internal static class EndMarkerFramer
{
    /// <summary>
    /// Looks for the first marker in <paramref name="input"/>. On <see cref="FrameStatus.Complete"/>,
    /// <paramref name="payload"/> is the range before the marker and <paramref name="consumed"/> includes the
    /// marker. On <see cref="FrameStatus.NeedMoreData"/>, <paramref name="nextSearchFrom"/> is where the next
    /// search may start.
    /// </summary>
    public static FrameStatus TryRead(ReadOnlySpan<byte> input, ReadOnlySpan<byte> marker, long maxPayload,
        int searchFrom, out Range payload, out int consumed, out int nextSearchFrom)
    {
        if (marker.IsEmpty)
        {
            throw new ArgumentException("The end marker cannot be empty.", nameof(marker));
        }

        payload = default;
        consumed = 0;
        searchFrom = Math.Clamp(searchFrom, 0, input.Length);
        int index = input[searchFrom..].IndexOf(marker);
        if (index >= 0)
        {
            int end = searchFrom + index;
            nextSearchFrom = 0;
            if (end > maxPayload)
            {
                return FrameStatus.TooLarge;
            }

            payload = 0..end;
            consumed = end + marker.Length;
            return FrameStatus.Complete;
        }

        // A marker may start in the last (marker.Length - 1) bytes: rescan those next time.
        nextSearchFrom = Math.Max(0, input.Length - marker.Length + 1);
        return nextSearchFrom > maxPayload ? FrameStatus.TooLarge : FrameStatus.NeedMoreData;
    }
}
