using System.Text;
using System.Text.RegularExpressions;
using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.InteropTests;

/// <summary><c>wlsock demo</c>, the project's main job: every case passes (the TLS and UDP ones included).</summary>
public sealed partial class CliDemoTests
{
    [Fact(Timeout = 120_000)]
    public async Task Demo_passes_every_case()
    {
        await using PeerProcess demo = await Wlsock.RunAsync(["demo"]);
        Assert.True(await demo.WaitForExitAsync(Tools.Timeout) == 0, demo.Describe());
        string output = Encoding.UTF8.GetString(demo.StandardOutputBytes);
        Assert.DoesNotContain("FAIL ", output, StringComparison.Ordinal);
        foreach (string name in new[] { "tls", "tls-rejected", "udp" })
        {
            Assert.Contains(demo.StandardOutputLines, l => l == "PASS " + name);
        }

        Match summary = Summary().Match(demo.StandardOutputLines[^1]);
        Assert.True(summary.Success, demo.Describe());
        Assert.Equal(demo.StandardOutputLines.Count(l => l.StartsWith("PASS ", StringComparison.Ordinal)).ToString(System.Globalization.CultureInfo.InvariantCulture), summary.Groups[1].Value);
    }

    [GeneratedRegex(@"^demo: (\d+) cases passed, 0 failed$")]
    private static partial Regex Summary();
}
