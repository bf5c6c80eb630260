using System.Diagnostics;
using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.Messenger.Tests;

/// <summary>
/// A program in its own tmux server (private socket) on a 120x30 terminal, driven as a person would: send-keys, and
/// capture-pane polled each time the terminal prints (pipe-pane into a watched file), never after a fixed pause.
/// </summary>
internal sealed class Tmux : IDisposable
{
    private readonly string _tmux;
    private readonly string _socket = "wlsock-test-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _folder;
    private readonly FileSystemWatcher _watcher;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Tmux(string tmux, string folder)
    {
        _tmux = tmux;
        _folder = folder;
        _watcher = new FileSystemWatcher(folder) { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName };
        _watcher.Changed += (_, _) => Signal();
        _watcher.Created += (_, _) => Signal();
        _watcher.EnableRaisingEvents = true;
    }

    public string ExitFile => Path.Combine(_folder, "exit");

    /// <summary>Starts <paramref name="command"/> (program and arguments, no shell) in a detached 120x30 session.</summary>
    public static Tmux Start(string folder, IReadOnlyList<string> command)
    {
        var tmux = new Tmux(Tools.Require("tmux", "tmux"), folder);
        string line = string.Join(' ', command.Select(Quote)) + $"; echo $? > {Quote(tmux.ExitFile)}";
        tmux.Run("new-session", "-d", "-s", "ui", "-x", "120", "-y", "30", "sh -c " + Quote(line));
        tmux.Run("pipe-pane", "-t", "ui", "-o", "cat >> " + Quote(Path.Combine(folder, "screen.log")));
        return tmux;
    }

    /// <summary>Types <paramref name="keys"/> (tmux key names such as Enter, Down, or literal text with <paramref name="literal"/>).</summary>
    public void Send(string keys, bool literal = false) =>
        Run(literal ? ["send-keys", "-t", "ui", "-l", keys] : ["send-keys", "-t", "ui", keys]);

    /// <summary>The visible screen as text.</summary>
    public string Capture() => Run("capture-pane", "-p", "-t", "ui");

    /// <summary>Waits until the screen satisfies <paramref name="condition"/>; returns that screen.</summary>
    public async Task<string> WaitForScreenAsync(Func<string, bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        string screen = "";
        while (clock.Elapsed < Tools.Timeout)
        {
            Task changed = Arm();
            if (File.Exists(ExitFile) && !condition(screen = SafeCapture()))
            {
                break; // the program ended: the screen will not change any more
            }

            screen = SafeCapture();
            if (condition(screen))
            {
                return screen;
            }

            try
            {
                // The next print wakes us; the slice only guards against a change notification the watcher missed.
                await changed.WaitAsync(TimeSpan.FromSeconds(1), Tools.Token);
            }
            catch (TimeoutException)
            {
                // Look again.
            }
        }

        Assert.Fail($"timed out waiting for {what}; the screen:\n{screen}");
        return screen;
    }

    /// <summary>Waits for the program to end and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Tools.Timeout)
        {
            Task changed = Arm();
            if (File.Exists(ExitFile) && File.ReadAllText(ExitFile).Trim() is { Length: > 0 } code)
            {
                return int.Parse(code, System.Globalization.CultureInfo.InvariantCulture);
            }

            try
            {
                await changed.WaitAsync(TimeSpan.FromSeconds(1), Tools.Token);
            }
            catch (TimeoutException)
            {
                // Look again.
            }
        }

        Assert.Fail("the program in tmux did not exit; the screen:\n" + SafeCapture());
        return -1;
    }

    public void Dispose()
    {
        _watcher.Dispose();
        try
        {
            Run("kill-server");
        }
        catch (InvalidOperationException)
        {
            // The server ended with its last session already.
        }
    }

    private string SafeCapture()
    {
        try
        {
            return Capture();
        }
        catch (InvalidOperationException)
        {
            return ""; // the session ended with the program
        }
    }

    private Task Arm()
    {
        var fresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _changed, fresh);
        return fresh.Task;
    }

    private void Signal() => Volatile.Read(ref _changed).TrySetResult();

    private string Run(params string[] arguments)
    {
        var info = new ProcessStartInfo(_tmux) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-L");
        info.ArgumentList.Add(_socket);
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Remove("TMUX");
        using Process process = Process.Start(info)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Tools.Timeout))
        {
            process.Kill();
            throw new TimeoutException("tmux " + string.Join(' ', arguments) + " did not return");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tmux {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}");
        }

        return output.Result;
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
