using System.Buffers;
using System.Globalization;
using System.Text;

namespace WLSockets.Relay;

/// <summary>A growable UTF-8 output buffer for one event (pooled, reused), with the byte renderings of the trace formats.</summary>
internal sealed class TraceOutputBuffer : IBufferWriter<byte>, IDisposable
{
    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);

    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Append(ReadOnlySpan<byte> utf8)
    {
        utf8.CopyTo(GetSpan(utf8.Length));
        Length += utf8.Length;
    }

    public void Append(string text)
    {
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        Length += Encoding.UTF8.GetBytes(text, GetSpan(max));
    }

    public void Append(char ascii) => Append((byte)ascii);

    public void Append(byte b)
    {
        GetSpan(1)[0] = b;
        Length++;
    }

    public void Append(long value)
    {
        Span<byte> span = GetSpan(20);
        value.TryFormat(span, out int written, default, CultureInfo.InvariantCulture);
        Length += written;
    }

    /// <summary><c>2026-11-25T13:40:41.123456Z</c>.</summary>
    public void AppendTimestamp(long micros) => Append(TraceClock.Format(micros));

    /// <summary>Printable ASCII as is; <c>\r \n \t \0 \\</c> and <c>\xNN</c> for every other byte.</summary>
    public void AppendEscaped(ReadOnlySpan<byte> data)
    {
        Span<byte> span = GetSpan(data.Length * 4);
        int n = 0;
        foreach (byte b in data)
        {
            if (b is >= 0x20 and < 0x7F && b != (byte)'\\')
            {
                span[n++] = b;
                continue;
            }

            span[n++] = (byte)'\\';
            switch (b)
            {
                case (byte)'\r': span[n++] = (byte)'r'; break;
                case (byte)'\n': span[n++] = (byte)'n'; break;
                case (byte)'\t': span[n++] = (byte)'t'; break;
                case 0: span[n++] = (byte)'0'; break;
                case (byte)'\\': span[n++] = (byte)'\\'; break;
                default:
                    span[n++] = (byte)'x';
                    span[n++] = HexDigits[b >> 4];
                    span[n++] = HexDigits[b & 0xF];
                    break;
            }
        }

        Length += n;
    }

    /// <summary>
    /// 16 bytes a line: <c>"  00000010  48 65 6c 6c 6f 20 77 6f  72 6c 64 0d 0a           |Hello world..|\n"</c>, offsets
    /// counted from <paramref name="offset"/>.
    /// </summary>
    public void AppendHexDump(ReadOnlySpan<byte> data, long offset)
    {
        const int LineLength = 2 + 8 + 2 + (16 * 3) + 1 + 1 + 16 + 2;
        Span<byte> span = GetSpan(((data.Length + 15) / 16) * LineLength);
        int n = 0;
        for (int start = 0; start < data.Length; start += 16)
        {
            ReadOnlySpan<byte> line = data.Slice(start, Math.Min(16, data.Length - start));
            span[n++] = (byte)' ';
            span[n++] = (byte)' ';
            long position = offset + start;
            for (int shift = 28; shift >= 0; shift -= 4)
            {
                span[n++] = HexDigits[(int)((position >> shift) & 0xF)];
            }

            span[n++] = (byte)' ';
            span[n++] = (byte)' ';
            for (int i = 0; i < 16; i++)
            {
                if (i == 8)
                {
                    span[n++] = (byte)' ';
                }

                if (i < line.Length)
                {
                    span[n++] = HexDigits[line[i] >> 4];
                    span[n++] = HexDigits[line[i] & 0xF];
                }
                else
                {
                    span[n++] = (byte)' ';
                    span[n++] = (byte)' ';
                }

                span[n++] = (byte)' ';
            }

            span[n++] = (byte)'|';
            foreach (byte b in line)
            {
                span[n++] = b is >= 0x20 and < 0x7F ? b : (byte)'.';
            }

            span[n++] = (byte)'|';
            span[n++] = (byte)'\n';
        }

        Length += n;
    }

    public void Advance(int count) => Length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 256));
        return _buffer.AsMemory(Length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 256));
        return _buffer.AsSpan(Length);
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = [];
        Length = 0;
    }

    private void Ensure(int more)
    {
        if (Length + more <= _buffer.Length)
        {
            return;
        }

        byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, Length + more));
        _buffer.AsSpan(0, Length).CopyTo(larger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer); // empty once disposed: nothing to give back
        }

        _buffer = larger;
    }
}
