using System.Diagnostics;
using WLSockets.InteropTests.Infrastructure;
using WLSockets.Tests;

namespace WLSockets.Chat.Tests;

/// <summary>
/// A program run in a private tmux server (its own socket, so no other tmux session is touched), driven as a person
/// would: keys sent with send-keys, the screen read with capture-pane. Disposing kills that tmux server.
/// </summary>
internal sealed class Tmux : IAsyncDisposable
{
    private readonly string _program;
    private readonly string _socket = "wlsock-test-" + Guid.NewGuid().ToString("N")[..12];

    private Tmux(string program) => _program = program;

    /// <summary>Starts <paramref name="command"/> in a detached 120x30 session.</summary>
    public static async Task<Tmux> StartAsync(IEnumerable<string> command)
    {
        var tmux = new Tmux(Tools.Require("tmux", "tmux"));
        await tmux.RunAsync(["new-session", "-d", "-s", "test", "-x", "120", "-y", "30", string.Join(' ', command.Select(Quote))]);
        return tmux;
    }

    public Task SendKeysAsync(params string[] keys) => RunAsync(["send-keys", "-t", "test", .. keys]);

    /// <summary>The visible screen, one line per row.</summary>
    public Task<string> CaptureAsync() => RunAsync(["capture-pane", "-p", "-t", "test"]);

    /// <summary>Polls the screen until <paramref name="match"/> accepts it, within <see cref="Loopback.Deadline"/>.</summary>
    public async Task<string> WaitForScreenAsync(Func<string, bool> match, string what)
    {
        var clock = Stopwatch.StartNew();
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        string screen = "";
        while (clock.Elapsed < Loopback.Deadline)
        {
            screen = await CaptureAsync();
            if (match(screen))
            {
                return screen;
            }

            await tick.WaitForNextTickAsync(Loopback.Ct);
        }

        Assert.Fail($"the screen never showed {what} within {Loopback.Deadline.TotalSeconds:0} s; it shows:\n{screen}");
        return screen;
    }

    /// <summary>True while the session (its program) is still running.</summary>
    public async Task<bool> IsRunningAsync()
    {
        await using PeerProcess process = PeerProcess.Start(_program, ["-L", _socket, "has-session", "-t", "test"]);
        return await process.WaitForExitAsync(Tools.Timeout) == 0;
    }

    public async ValueTask DisposeAsync()
    {
        await using PeerProcess process = PeerProcess.Start(_program, ["-L", _socket, "kill-server"]);
        await process.WaitForExitAsync(Tools.Timeout);
    }

    private async Task<string> RunAsync(IEnumerable<string> arguments)
    {
        await using PeerProcess process = PeerProcess.Start(_program, ["-L", _socket, .. arguments]);
        int exit = await process.WaitForExitAsync(Tools.Timeout);
        Assert.True(exit == 0, "tmux failed: " + process.Describe());
        return System.Text.Encoding.UTF8.GetString(process.StandardOutputBytes);
    }

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
