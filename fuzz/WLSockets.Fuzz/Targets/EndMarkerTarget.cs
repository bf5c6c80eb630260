using WLSockets.Framing;

namespace WLSockets.Fuzz.Targets;

/// <summary>
/// <see cref="EndMarkerFramer"/> fed one byte more at a time, resuming its search where it said it may (the receive
/// path's incremental scan), against a plain search of the whole input. Byte 0 picks the marker, byte 1 the maximum
/// (0–255), the rest is what the peer sent. Invariants: the first message ends exactly at the first marker, no earlier
/// and no later; "too large" exactly when the first marker (or the bytes without one) exceed the maximum.
/// </summary>
internal sealed class EndMarkerTarget : ParserTarget
{
    public override string Name => "end-marker";

    public override IReadOnlyList<byte[]> Seeds { get; } =
    [
        [0, 200, .. "Hello world<EOF>"u8],
        [1, 200, .. "Hello world\r\n"u8],
        [2, 200, 0x48, 0x69, 0x04, 0x04],
        [3, 200, .. "aaabaabaaaab"u8],
        [4, 200, 0x48, 0x00, 0x69, 0x00, 0x3C, 0x00, 0x45, 0x00, 0x4F, 0x00, 0x46, 0x00, 0x3E, 0x00],
        [0, 200, .. "a<EOFb<EOF><<EOF>"u8],
        [7, 3, .. "<EOF<EOF><EOF><"u8],
    ];

    public override void Run(ReadOnlySpan<byte> input)
    {
        if (input.Length < 2)
        {
            return;
        }

        byte[] marker = FramingDriver.Markers[input[0] % FramingDriver.Markers.Count];
        long max = input[1];
        ReadOnlySpan<byte> data = input[2..];
        int first = data.IndexOf(marker);
        int searchFrom = 0;
        for (int length = 0; length <= data.Length; length++)
        {
            FrameStatus status = EndMarkerFramer.TryRead(data[..length], marker, max, searchFrom, out Range payload, out int consumed, out int next);
            bool markerIn = first >= 0 && first + marker.Length <= length;
            if (markerIn)
            {
                if (first > max)
                {
                    Check(status == FrameStatus.TooLarge, $"A {first}-byte message above the {max}-byte maximum gave {status}.");
                }
                else
                {
                    Check(status == FrameStatus.Complete && payload.GetOffsetAndLength(length) == (0, first) && consumed == first + marker.Length,
                        $"The first marker ends at {first + marker.Length} but the framer gave {status} with {consumed} bytes.");
                }

                return;
            }

            Check(status is FrameStatus.NeedMoreData or FrameStatus.TooLarge, $"{status} before the first marker arrived.");
            if (status == FrameStatus.TooLarge)
            {
                // Only when no marker can end within the maximum any more.
                Check(length - marker.Length + 1 > max, $"Too large at {length} bytes with a {max}-byte maximum.");
                return;
            }

            Check(next >= searchFrom && next <= length, $"The search resumes at {next}, outside {searchFrom}..{length}.");
            searchFrom = next;
        }
    }
}
