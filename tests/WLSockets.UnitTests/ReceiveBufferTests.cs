using WLSockets.Messaging;

namespace WLSockets.UnitTests;

/// <summary>The reassembly buffer: growth and compaction never corrupt data, and the limit bounds it.</summary>
public class ReceiveBufferTests
{
    [Fact]
    public void Random_fill_and_consume_keeps_the_same_bytes_as_a_simple_model()
    {
        var random = new Random(42);
        using var buffer = new ReceiveBuffer();
        var model = new List<byte>();
        byte next = 0;
        for (int step = 0; step < 5_000; step++)
        {
            if (random.Next(3) > 0)
            {
                int hint = random.Next(1, 40_000);
                const int limit = 200_000;
                Memory<byte> free = buffer.GetFreeMemory(hint, limit);
                int expectedAtLeast = Math.Max(1, Math.Min(hint, limit - buffer.Length));
                Assert.True(free.Length >= expectedAtLeast, $"step {step}: {free.Length} free, wanted {expectedAtLeast}");
                int count = random.Next(1, Math.Min(free.Length, hint) + 1);
                for (int i = 0; i < count; i++)
                {
                    free.Span[i] = next;
                    model.Add(next++);
                }

                buffer.Advance(count);
            }
            else if (model.Count > 0)
            {
                int count = random.Next(0, model.Count + 1);
                buffer.Consume(count);
                model.RemoveRange(0, count);
            }

            Assert.Equal(model.Count, buffer.Length);
            Assert.True(buffer.Data.SequenceEqual(model.ToArray()), $"step {step}: buffered bytes differ from the model");
        }
    }

    [Theory]
    [InlineData(0, 100_000, 1000)]
    [InlineData(0, 10, 1000)]
    [InlineData(500, 100_000, 1000)]
    [InlineData(999, 5, 1000)]
    [InlineData(0, 1, 100)]
    [InlineData(9_000, 100_000, 70_000)]
    public void Free_space_never_lets_the_buffer_exceed_its_limit(int alreadyBuffered, int sizeHint, int limit)
    {
        using var buffer = new ReceiveBuffer();
        if (alreadyBuffered > 0)
        {
            Memory<byte> first = buffer.GetFreeMemory(alreadyBuffered, alreadyBuffered);
            Assert.True(first.Length >= alreadyBuffered);
            buffer.Advance(alreadyBuffered);
        }

        Memory<byte> free = buffer.GetFreeMemory(sizeHint, limit);
        Assert.True(free.Length >= Math.Min(sizeHint, limit - alreadyBuffered), $"only {free.Length} bytes free");
        Assert.True(alreadyBuffered + free.Length <= limit, $"{alreadyBuffered} buffered + {free.Length} free exceeds the limit of {limit}");
    }

    [Fact]
    public void At_the_limit_one_byte_is_still_offered_so_a_receive_never_gets_an_empty_buffer()
    {
        using var buffer = new ReceiveBuffer();
        buffer.GetFreeMemory(100, 100);
        buffer.Advance(100);
        Assert.True(buffer.GetFreeMemory(100, 100).Length >= 1);
    }

    [Fact]
    public void Compaction_after_consuming_keeps_the_unread_tail()
    {
        using var buffer = new ReceiveBuffer();
        Memory<byte> free = buffer.GetFreeMemory(8192, 8192);
        for (int i = 0; i < 8192; i++)
        {
            free.Span[i] = (byte)i;
        }

        buffer.Advance(8192);
        buffer.Consume(8000);
        Memory<byte> more = buffer.GetFreeMemory(4000, 8192); // fits only if the 192-byte tail moves to the front
        Assert.True(more.Length >= 4000);
        Assert.Equal(192, buffer.Length);
        for (int i = 0; i < 192; i++)
        {
            Assert.Equal((byte)(8000 + i), buffer.Data[i]);
        }
    }

    [Fact]
    public void Consuming_everything_resets_and_a_big_buffer_is_released()
    {
        using var buffer = new ReceiveBuffer();
        int big = 2 * 1024 * 1024;
        Memory<byte> free = buffer.GetFreeMemory(big, big);
        free.Span[..big].Fill(7);
        buffer.Advance(big);
        buffer.Consume(big);
        Assert.Equal(0, buffer.Length);
        Memory<byte> after = buffer.GetFreeMemory(10, 10);
        Assert.InRange(after.Length, 1, 10);
    }
}
