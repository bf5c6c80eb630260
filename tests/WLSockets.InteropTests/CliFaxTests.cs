using System.Globalization;
using System.Text.RegularExpressions;
using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.InteropTests;

/// <summary><c>wlsock fax</c> against the real HylaFAX server.</summary>
[Collection(HylaFaxGroup.Name)]
public sealed partial class CliFaxTests(HylaFaxServer server) : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Send_queue_status_and_kill_a_fax()
    {
        server.RequireAvailable();
        string address = "127.0.0.1:" + server.Port.ToString(CultureInfo.InvariantCulture);
        string document = HylaFaxServer.WritePostScript(_files.File("cli.ps"), 1);

        await using PeerProcess send = await Wlsock.RunAsync(["fax", "send", "--server", address, "--user", "wlcli", "--to", "5557777", "--name", "cli test", document]);
        Assert.True(await send.WaitForExitAsync(Tools.Timeout) == 0, send.Describe());
        Match queued = Queued().Match(string.Join('\n', send.StandardOutputLines));
        Assert.True(queued.Success, send.Describe());
        string job = queued.Groups[1].Value;
        Assert.Contains(send.StandardErrorLines, l => l.Contains("(100%)", StringComparison.Ordinal)); // the progress, on stderr
        try
        {
            await using PeerProcess queue = await Wlsock.RunAsync(["fax", "queue", "--server", address]);
            Assert.Contains(queue.StandardOutputLines, l => l.StartsWith($"job {job} ", StringComparison.Ordinal) && l.Contains("to 5557777", StringComparison.Ordinal)
                && l.Contains("owner wlcli", StringComparison.Ordinal) && l.Contains("name \"cli test\"", StringComparison.Ordinal));
        }
        finally
        {
            await using PeerProcess kill = await Wlsock.RunAsync(["fax", "kill", job, "--server", address, "--user", "wlcli"]);
            Assert.True(await kill.WaitForExitAsync(Tools.Timeout) == 0, kill.Describe());
            Assert.Contains($"job {job} killed", kill.StandardOutputLines);
        }

        await using PeerProcess status = await Wlsock.RunAsync(["fax", "status", job, "--server", address]);
        Assert.True(await status.WaitForExitAsync(Tools.Timeout) == 0, status.Describe());
        Assert.Contains(status.StandardOutputLines, l => l.Contains("failed", StringComparison.Ordinal) && l.Contains("Job aborted by request", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_server_it_says_how_to_give_one()
    {
        await using PeerProcess process = await Wlsock.RunAsync(["fax", "queue"]);
        Assert.True(await process.WaitForExitAsync(Tools.Timeout) == 2, process.Describe());
        Assert.Contains("--server HOST[:PORT]", process.StandardError, StringComparison.Ordinal);
        Assert.Contains("WLSOCK_FAX_SERVER", process.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_fails_without_printing_it()
    {
        server.RequireAvailable();
        await using PeerProcess process = Wlsock.Start(["fax", "queue", "--server", "127.0.0.1:" + server.Port.ToString(CultureInfo.InvariantCulture),
            "--user", HylaFaxServer.SecureUser, "--password-env", "WLSOCK_TEST_FAX_PW"], new Dictionary<string, string> { ["WLSOCK_TEST_FAX_PW"] = "wrong-secret-42" });
        await process.WriteInputAndCloseAsync(Array.Empty<byte>(), Tools.Timeout);
        Assert.True(await process.WaitForExitAsync(Tools.Timeout) == 1, process.Describe());
        Assert.Contains("refused the login", process.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-42", process.StandardError + string.Join('\n', process.StandardOutputLines), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^job (\d+) queued for 5557777 on ")]
    private static partial Regex Queued();
}
