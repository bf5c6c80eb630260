using WLSockets.Relay;

namespace WLSockets.UnitTests.Relay;

/// <summary>Golden output of each trace format, on a fixed script with fixed timestamps (files under Relay/Golden/).</summary>
public class TraceWriterTests
{
    [Theory]
    [InlineData(TraceFormat.Text, "trace.text.txt")]
    [InlineData(TraceFormat.Hex, "trace.hex.txt")]
    [InlineData(TraceFormat.Jsonl, "trace.jsonl")]
    public void Each_format_matches_its_golden_file(TraceFormat format, string file)
    {
        string actual = TraceScript.Render(format);
        string path = Path.Combine(AppContext.BaseDirectory, "Relay", "Golden", file);
        if (Environment.GetEnvironmentVariable("WLSOCKETS_WRITE_GOLDEN") is { Length: > 0 } folder)
        {
            File.WriteAllText(Path.Combine(folder, file), actual); // regenerate: then review the diff and commit it
        }

        Assert.Equal(File.ReadAllText(path), actual);
    }
}
