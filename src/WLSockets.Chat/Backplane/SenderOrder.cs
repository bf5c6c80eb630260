namespace WLSockets.Chat.Backplane;

/// <summary>
/// Exactly once, in order, for the messages of one other server: drops what was already delivered (replays,
/// duplicates), holds a message that arrived ahead of a missing one until the gap fills or times out.
/// Not thread-safe: the backplane's inbound lock protects it.
/// </summary>
internal sealed class SenderOrder(long lastDelivered)
{
    /// <summary>The most messages held waiting for a gap to fill; beyond, the gap is given up at once.</summary>
    public const int MaxPending = 4096;

    private readonly SortedDictionary<long, byte[]> _pending = [];
    private long _gapSince;

    /// <summary>The sequence number of the last message delivered.</summary>
    public long LastDelivered { get; private set; } = lastDelivered;

    /// <summary>Duplicates dropped so far.</summary>
    public long Duplicates { get; private set; }

    /// <summary>
    /// Accepts message <paramref name="sequence"/>; appends to <paramref name="deliver"/> what may now be delivered, in
    /// order. Returns how many messages were given up as lost (only when <see cref="MaxPending"/> is exceeded).
    /// </summary>
    public long Accept(long sequence, byte[] payload, long now, List<byte[]> deliver)
    {
        if (sequence <= LastDelivered || _pending.ContainsKey(sequence))
        {
            Duplicates++;
            return 0;
        }

        if (sequence == LastDelivered + 1)
        {
            deliver.Add(payload);
            LastDelivered = sequence;
            Drain(deliver, now);
            return 0;
        }

        _pending[sequence] = payload;
        if (_gapSince == 0)
        {
            _gapSince = now;
        }

        return _pending.Count > MaxPending ? GiveUpGap(deliver, now) : 0;
    }

    /// <summary>Gives up a gap older than <paramref name="timeout"/> (in the same units as <paramref name="now"/>); returns the messages lost.</summary>
    public long Expire(long now, long timeout, List<byte[]> deliver) =>
        _pending.Count > 0 && now - _gapSince >= timeout ? GiveUpGap(deliver, now) : 0;

    private long GiveUpGap(List<byte[]> deliver, long now)
    {
        long first = _pending.Keys.First();
        long lost = first - LastDelivered - 1;
        LastDelivered = first - 1;
        Drain(deliver, now);
        return lost;
    }

    private void Drain(List<byte[]> deliver, long now)
    {
        while (_pending.Remove(LastDelivered + 1, out byte[]? next))
        {
            deliver.Add(next);
            LastDelivered++;
        }

        _gapSince = _pending.Count > 0 ? now : 0;
    }
}
