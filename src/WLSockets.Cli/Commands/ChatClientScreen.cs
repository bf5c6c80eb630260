using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;
using WLSockets.Chat;
using WLSockets.Cli.Infrastructure;

namespace WLSockets.Cli.Commands;

/// <summary>
/// The full-screen chat of <c>wlsock chat client</c>: the message list (each nickname in its own colour) and an input
/// line. Spectre.Console draws; keys are read by this class's own loop (Spectre.Console has no line editor that runs
/// beside a live display).
/// </summary>
internal static class ChatClientScreen
{
    private const int KeptMessages = 500;
    private const int MaxInput = 4000;
    private static readonly TimeSpan s_keyPoll = TimeSpan.FromMilliseconds(15);

    private static readonly Color[] s_palette =
    [
        Color.Aqua, Color.Green, Color.Yellow, Color.Fuchsia, Color.Orange1, Color.DeepSkyBlue1, Color.SpringGreen2,
        Color.Gold1, Color.HotPink, Color.MediumPurple1,
    ];

    public static async Task<int> RunAsync(ChatClient client, string host, CancellationToken cancellationToken)
    {
        var screen = new Screen($"{client.Nickname} on the server: {host}");
        using var quit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task receiving = ReceiveAsync(client, screen, quit);
        var keys = new Thread(() => ReadKeys(client, screen, quit)) { IsBackground = true, Name = "chat keys" };
        keys.Start();
        await AnsiConsole.Live(screen.Render())
            .AutoClear(true)
            .Overflow(VerticalOverflow.Crop)
            .Cropping(VerticalOverflowCropping.Top)
            .StartAsync(async context =>
            {
                while (!quit.IsCancellationRequested)
                {
                    // Take the change signal before drawing: a change made while drawing wakes the next round.
                    Task changed = screen.Changed;
                    context.UpdateTarget(screen.Render());
                    try
                    {
                        await changed.WaitAsync(quit.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            });
        await receiving;
        if (screen.ServerClosed)
        {
            throw new CliFailureException("the server closed the connection.");
        }

        return cancellationToken.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Success;
    }

    private static async Task ReceiveAsync(ChatClient client, Screen screen, CancellationTokenSource quit)
    {
        try
        {
            while (true)
            {
                screen.Add(await client.ReceiveAsync(quit.Token));
            }
        }
        catch (OperationCanceledException)
        {
            // Leaving.
        }
        catch (WLSocketException)
        {
            screen.ServerClosed = true;
            await quit.CancelAsync();
        }
    }

    /// <summary>The key loop (its own thread: <see cref="Console.ReadKey(bool)"/> blocks). Enter sends, Esc quits.</summary>
    private static void ReadKeys(ChatClient client, Screen screen, CancellationTokenSource quit)
    {
        while (!quit.IsCancellationRequested)
        {
            ConsoleKeyInfo key;
            try
            {
                // Poll, then read a key that is already there: a ReadKey left waiting would hold the console and
                // delay every frame the live display writes meanwhile (seen with .NET on Linux terminals).
                if (!Console.KeyAvailable)
                {
                    quit.Token.WaitHandle.WaitOne(s_keyPoll);
                    continue;
                }

                key = Console.ReadKey(intercept: true);
            }
            catch (InvalidOperationException)
            {
                return; // no console to read from
            }

            switch (key.Key)
            {
                case ConsoleKey.Escape:
                    quit.Cancel();
                    return;
                case ConsoleKey.Enter:
                    string text = screen.TakeInput();
                    if (text.Length == 0)
                    {
                        screen.Status = "Type the text to send first.";
                        break;
                    }

                    try
                    {
                        client.SendAsync(text).AsTask().Wait(TimeSpan.FromSeconds(10));
                        screen.Status = "";
                    }
                    catch (AggregateException ex) when (ex.InnerException is WLSocketException)
                    {
                        screen.Status = "Error sending the message: " + ex.InnerException.Message;
                    }

                    break;
                case ConsoleKey.Backspace:
                    screen.EditInput(input => input.Length > 0 ? input[..^1] : input);
                    break;
                default:
                    if (!char.IsControl(key.KeyChar))
                    {
                        screen.EditInput(input => input.Length < MaxInput ? input + key.KeyChar : input);
                    }

                    break;
            }
        }
    }

    /// <summary>A colour per nickname, the same on every run (a stable hash, not <see cref="string.GetHashCode()"/>).</summary>
    internal static Color ColorOf(string nickname)
    {
        uint hash = 2166136261;
        foreach (char c in nickname)
        {
            hash = (hash ^ c) * 16777619;
        }

        return s_palette[hash % (uint)s_palette.Length];
    }

    /// <summary>What the screen shows; changed by the receive task and the key loop, drawn by the live display.</summary>
    private sealed class Screen(string title)
    {
        private readonly Lock _gate = new();
        private readonly Queue<ChatLine> _messages = new();
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private string _input = "";
        private string _status = "";

        public bool ServerClosed { get; set; }

        public string Status
        {
            set
            {
                lock (_gate)
                {
                    _status = value;
                }

                Signal();
            }
        }

        public Task Changed
        {
            get
            {
                lock (_gate)
                {
                    return _changed.Task;
                }
            }
        }

        public void Add(ChatLine line)
        {
            lock (_gate)
            {
                _messages.Enqueue(line);
                if (_messages.Count > KeptMessages)
                {
                    _messages.Dequeue();
                }
            }

            Signal();
        }

        public void EditInput(Func<string, string> edit)
        {
            lock (_gate)
            {
                _input = edit(_input);
            }

            Signal();
        }

        public string TakeInput()
        {
            string input;
            lock (_gate)
            {
                input = _input;
                _input = "";
            }

            Signal();
            return input;
        }

        public Rows Render()
        {
            lock (_gate)
            {
                int height = Math.Max(8, SafeHeight());
                int listHeight = height - 6;
                var lines = new List<IRenderable> { new Markup($"[bold]{Markup.Escape(title)}[/]"), new Rule() };
                ChatLine[] shown = [.. _messages.TakeLast(listHeight)];
                for (int i = shown.Length; i < listHeight; i++)
                {
                    lines.Add(new Spectre.Console.Text(""));
                }

                lines.AddRange(shown.Select(Line));
                lines.Add(new Rule());
                lines.Add(new Markup($"[bold]>[/] {Markup.Escape(_input)}[blink]_[/]"));
                lines.Add(new Markup($"[grey]{Markup.Escape(_status.Length > 0 ? _status : "Enter sends, Esc quits")}[/]"));
                return new Rows(lines);
            }
        }

        private static Markup Line(ChatLine line)
        {
            string text = line.Text.Replace('\n', ' ');
            return line.Nickname is { } nick
                ? new Markup($"[bold {ColorOf(nick).ToMarkup()}]{Markup.Escape(nick)}[/] : {Markup.Escape(text[(nick.Length + ChatProtocol.NicknameSeparator.Length)..])}")
                : new Markup(Markup.Escape(text));
        }

        private static int SafeHeight()
        {
            try
            {
                return Console.WindowHeight;
            }
            catch (IOException)
            {
                return 24;
            }
        }

        private void Signal()
        {
            TaskCompletionSource changed;
            lock (_gate)
            {
                changed = _changed;
                _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            changed.TrySetResult();
        }
    }
}
