using System.Buffers;

namespace WLSockets.Messaging;

/// <summary>
/// The bytes received but not yet handed out as messages: a pooled, growable window with a hard upper size.
/// Not thread-safe; the connection's read lock protects it.
/// </summary>
internal sealed class ReceiveBuffer : IDisposable
{
    private const int InitialSize = 8192;
    private byte[] _array = [];
    private int _start;
    private int _end;

    /// <summary>Buffered, unread bytes.</summary>
    public ReadOnlySpan<byte> Data => _array.AsSpan(_start, _end - _start);

    public int Length => _end - _start;

    /// <summary>
    /// Free space after the data, made at least <paramref name="sizeHint"/> bytes (but never making the whole
    /// buffer exceed <paramref name="limit"/> bytes) by compacting or growing.
    /// </summary>
    public Memory<byte> GetFreeMemory(int sizeHint, int limit)
    {
        // Room left under the limit (at least one byte, so that a receive is always possible).
        int room = Math.Max(1, limit - Length);
        int want = Math.Min(Math.Max(sizeHint, 1), room);
        if (_array.Length - _end >= want)
        {
            return Free(room);
        }

        if (_array.Length - Length >= want && _array.Length > 0)
        {
            Compact();
            return Free(room);
        }

        long needed = (long)Length + want;
        int size = (int)Math.Min(Math.Max(Math.Max(needed, (long)_array.Length * 2), InitialSize), Math.Max(needed, limit));
        byte[] next = ArrayPool<byte>.Shared.Rent(size);
        Data.CopyTo(next);
        ReturnArray();
        _end = Length;
        _start = 0;
        _array = next;
        return Free(room);
    }

    public void Advance(int count) => _end += count;

    public void Consume(int count)
    {
        _start += count;
        if (_start == _end)
        {
            _start = _end = 0;
            if (_array.Length > 1024 * 1024)
            {
                // A big message went through: give the memory back rather than keeping the peak.
                ReturnArray();
                _array = [];
            }
        }
    }

    /// <summary>Gives the array back to the pool when no byte is buffered (an idle connection holds no memory).</summary>
    public void ReleaseIfEmpty()
    {
        if (Length == 0)
        {
            ReturnArray();
            _array = [];
            _start = _end = 0;
        }
    }

    public void Dispose()
    {
        ReturnArray();
        _array = [];
        _start = _end = 0;
    }

    /// <summary>
    /// The free space after the data, cut to <paramref name="room"/>: the array may be larger than asked (the pool
    /// rounds sizes up, and an earlier message may have grown it), but a receive must not pull more bytes than the
    /// limit allows (raw mode returns at most its read size from one receive, tcp-core §2.4).
    /// </summary>
    private Memory<byte> Free(int room) => _array.AsMemory(_end, Math.Min(_array.Length - _end, room));

    private void Compact()
    {
        Data.CopyTo(_array);
        _end = Length;
        _start = 0;
    }

    private void ReturnArray()
    {
        if (_array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_array);
        }
    }
}
