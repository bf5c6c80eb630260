using WLSockets.Framing;

namespace WLSockets.UnitTests;

/// <summary>End-marker search (tcp-core §2.2, §2.3; F5 split markers; F7 maximum size).</summary>
public class EndMarkerFramerTests
{
    private static readonly byte[] s_eof = Hex.Ascii("<EOF>");

    [Fact]
    public void Finds_the_first_marker_and_strips_it()
    {
        byte[] input = Hex.Ascii("Hello world<EOF>next<EOF>");
        Assert.Equal(FrameStatus.Complete, EndMarkerFramer.TryRead(input, s_eof, 1000, 0, out Range payload, out int consumed, out _));
        Assert.Equal("Hello world", System.Text.Encoding.ASCII.GetString(input[payload]));
        Assert.Equal(16, consumed);
    }

    [Fact]
    public void Marker_alone_is_an_empty_message()
    {
        Assert.Equal(FrameStatus.Complete, EndMarkerFramer.TryRead(s_eof, s_eof, 1000, 0, out Range payload, out int consumed, out _));
        Assert.Equal(0, payload.GetOffsetAndLength(s_eof.Length).Length);
        Assert.Equal(5, consumed);
    }

    [Theory]
    [InlineData("aab", "aaab", "a")] // partial self-overlap: "aa" matched, then "a" restarts the match
    [InlineData("aab", "aaaaab", "aaa")]
    [InlineData("abab", "abaabab", "aba")]
    [InlineData("<EOF>", "a<EOFb<EOF>", "a<EOFb")] // marker prefix inside the payload
    [InlineData("<EOF>", "<<EOF>", "<")]
    [InlineData("\r\n", "line\r\r\n", "line\r")]
    public void Overlapping_and_partial_markers(string marker, string input, string expected)
    {
        byte[] bytes = Hex.Ascii(input);
        Assert.Equal(FrameStatus.Complete, EndMarkerFramer.TryRead(bytes, Hex.Ascii(marker), 1000, 0, out Range payload, out int consumed, out _));
        Assert.Equal(expected, System.Text.Encoding.ASCII.GetString(bytes[payload]));
        Assert.Equal(expected.Length + marker.Length, consumed);
    }

    [Fact]
    public void Empty_marker_is_refused()
    {
        Assert.Throws<ArgumentException>(() => EndMarkerFramer.TryRead(Hex.Ascii("abc"), [], 10, 0, out _, out _, out _));
    }

    [Fact]
    public void TooLarge_once_more_than_max_bytes_are_buffered_without_a_marker()
    {
        const int max = 10;
        // Any buffer that could still end with a marker starting at or before index max is undecided.
        for (int length = 0; length < max + s_eof.Length; length++)
        {
            byte[] input = new byte[length];
            Array.Fill(input, (byte)'x');
            Assert.Equal(FrameStatus.NeedMoreData, EndMarkerFramer.TryRead(input, s_eof, max, 0, out _, out _, out _));
        }

        // max + marker.Length bytes with no marker: even a marker starting at the last possible byte would leave a
        // payload of max + 1 bytes.
        byte[] tooMany = new byte[max + s_eof.Length];
        Array.Fill(tooMany, (byte)'x');
        Assert.Equal(FrameStatus.TooLarge, EndMarkerFramer.TryRead(tooMany, s_eof, max, 0, out _, out _, out _));
    }

    [Fact]
    public void Payload_of_exactly_max_is_accepted_and_one_more_is_too_large()
    {
        const int max = 10;
        byte[] exact = Hex.Ascii(new string('x', max) + "<EOF>");
        Assert.Equal(FrameStatus.Complete, EndMarkerFramer.TryRead(exact, s_eof, max, 0, out _, out int consumed, out _));
        Assert.Equal(exact.Length, consumed);
        byte[] over = Hex.Ascii(new string('x', max + 1) + "<EOF>");
        Assert.Equal(FrameStatus.TooLarge, EndMarkerFramer.TryRead(over, s_eof, max, 0, out _, out _, out _));
    }

    [Fact]
    public void Every_prefix_of_a_valid_frame_needs_more_data_even_at_the_maximum()
    {
        const int max = 11;
        byte[] frame = Hex.Ascii("Hello world<EOF>");
        int searchFrom = 0;
        for (int cut = 0; cut < frame.Length; cut++)
        {
            FrameStatus status = EndMarkerFramer.TryRead(frame.AsSpan(0, cut), s_eof, max, searchFrom, out _, out _, out searchFrom);
            Assert.True(status == FrameStatus.NeedMoreData, $"prefix of {cut} bytes: {status}");
        }

        Assert.Equal(FrameStatus.Complete, EndMarkerFramer.TryRead(frame, s_eof, max, searchFrom, out _, out int consumed, out _));
        Assert.Equal(frame.Length, consumed);
    }

    public static TheoryData<string, string> SplitCases => new()
    {
        { "<EOF>", "Hello world<EOF>" },
        { "aab", "aaab" },
        { "aab", "aaaaaaaaaaab" },
        { "abab", "abaabab" },
        { "\r\n", "abc\r\r\r\n" },
        { "<EOF>", "<<<EO<EOF<EOF>" },
    };

    [Theory]
    [MemberData(nameof(SplitCases))]
    public void Resuming_with_searchFrom_finds_the_same_marker_for_every_growth_pattern(string marker, string text)
    {
        byte[] input = Hex.Ascii(text);
        byte[] markerBytes = Hex.Ascii(marker);
        Assert.Equal(FrameStatus.Complete, EndMarkerFramer.TryRead(input, markerBytes, 1000, 0, out Range expected, out int expectedConsumed, out _));

        // Grow the buffer by every pair of cuts (1..3 receives), carrying nextSearchFrom as the reader does.
        for (int i = 1; i <= input.Length; i++)
        {
            for (int j = i; j <= input.Length; j++)
            {
                int searchFrom = 0;
                FrameStatus status = FrameStatus.NeedMoreData;
                Range payload = default;
                int consumed = 0;
                foreach (int length in new[] { i, j, input.Length }.Distinct())
                {
                    status = EndMarkerFramer.TryRead(input.AsSpan(0, length), markerBytes, 1000, searchFrom, out payload, out consumed, out searchFrom);
                    if (status == FrameStatus.Complete)
                    {
                        break;
                    }

                    Assert.True(status == FrameStatus.NeedMoreData, $"cuts {i},{j}: {status}");
                }

                Assert.True(status == FrameStatus.Complete && payload.Equals(expected) && consumed == expectedConsumed,
                    $"cuts {i},{j}: {status} {payload} {consumed}, expected {expected} {expectedConsumed}");
            }
        }
    }

    [Fact]
    public void Resume_position_never_skips_a_marker_that_straddles_the_previous_end()
    {
        byte[] markerBytes = Hex.Ascii("<EOF>");
        byte[] input = Hex.Ascii("0123456789<EOF>");
        for (int cut = 0; cut <= 14; cut++)
        {
            EndMarkerFramer.TryRead(input.AsSpan(0, cut), markerBytes, 1000, 0, out _, out _, out int next);
            Assert.True(next <= 10, $"after {cut} bytes the next search starts at {next}, beyond the marker at 10");
        }
    }

    [Fact]
    public void Negative_searchFrom_is_clamped_to_the_start()
    {
        byte[] input = Hex.Ascii("ab<EOF>");
        Assert.Equal(FrameStatus.Complete, EndMarkerFramer.TryRead(input, s_eof, 1000, -5, out Range payload, out _, out _));
        Assert.Equal(0..2, payload);
    }
}
