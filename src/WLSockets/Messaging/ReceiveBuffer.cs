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
        int want = Math.Min(Math.Max(sizeHint, 1), Math.Max(1, limit - Length));
        if (_array.Length - _end >= want)
        {
            return _array.AsMemory(_end);
        }

        if (_array.Length - Length >= want && _array.Length > 0)
        {
            Compact();
            return _array.AsMemory(_end);
        }

        long needed = (long)Length + want;
        int size = (int)Math.Min(Math.Max(Math.Max(needed, (long)_array.Length * 2), InitialSize), Math.Max(needed, limit));
        byte[] next = ArrayPool<byte>.Shared.Rent(size);
        Data.CopyTo(next);
        ReturnArray();
        _end = Length;
        _start = 0;
        _array = next;
        return _array.AsMemory(_end);
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

    public void Dispose()
    {
        ReturnArray();
        _array = [];
        _start = _end = 0;
    }

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
