using WLSockets.Framing;

namespace WLSockets.UnitTests;

public class SmokeTests
{
    [Fact]
    public void Length_prefix_of_the_spec_example()
    {
        byte[] frame = FrameEncoder.Encode(TransmissionMode.SizePrefixed, "HelloWord"u8, []);
        Assert.Equal("390d0a48656c6c6f576f7264", Convert.ToHexString(frame).ToLowerInvariant());
    }
}
