namespace WLSockets.UnitTests.Fakes;

/// <summary>
/// A stream that returns <see cref="_input"/> in reads of at most <c>cut</c> bytes first (then the rest as asked), and
/// records what is written. Reading past the input is end of stream.
/// </summary>
internal sealed class ScriptedStream(byte[] input, int firstCut = int.MaxValue) : Stream
{
    private readonly MemoryStream _written = new();
    private int _position;
    private bool _cutDone;

    public byte[] Written => _written.ToArray();

    public int Unread => input.Length - _position;

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(count, input.Length - _position);
        if (!_cutDone && firstCut > 0 && firstCut < int.MaxValue)
        {
            // The first read stops at the cut: the bytes after it come in later reads.
            int untilCut = firstCut - _position;
            if (untilCut > 0)
            {
                n = Math.Min(n, untilCut);
            }
            else
            {
                _cutDone = true;
            }
        }

        Array.Copy(input, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override void Write(byte[] buffer, int offset, int count) => _written.Write(buffer, offset, count);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
