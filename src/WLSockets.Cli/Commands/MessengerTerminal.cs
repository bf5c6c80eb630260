using WLSockets.Text;
using System.Text;
using System.Threading.Channels;
using Spectre.Console;
using Spectre.Console.Rendering;
using WLSockets.Messenger;

namespace WLSockets.Cli.Commands;

/// <summary>
/// The terminal UI of <c>wlsock messenger</c> (Spectre.Console): contacts with their state, the current conversation,
/// notifications, and an input line driven by its own key loop. Everything (keys, node events) goes through one inbox
/// read by one loop, so the screen state has a single writer.
/// </summary>
internal sealed class MessengerTerminal(string userName) : IMessengerView
{
    public const string Keys = """
        TERMINAL UI (stdin is a terminal)
          Up/Down    select a contact          Enter (empty line)  chat with the selected contact
          Tab        next open conversation    Esc                 clear the input line
          F5         scan now                  Ctrl+C or /quit     end the conversations and exit
          Type a message and Enter to send it to the current conversation; the line commands work too.
        """;

    private const int HistoryLimit = 500;
    private const int NoticeLines = 4;
    private readonly Dictionary<long, List<(string Who, string Text, bool Mine)>> _history = [];
    private readonly List<string> _notices = [];
    private readonly StringBuilder _input = new();
    private int _selected;
    private MessengerSession _session = null!;

    public async Task<int> RunAsync(MessengerSession session, Channel<object?> inbox, CancellationToken cancellationToken)
    {
        _session = session;
        var keyThread = new Thread(() => ReadKeys(inbox.Writer, cancellationToken)) { IsBackground = true, Name = "messenger keys" };
        keyThread.Start();
        AnsiConsole.Write(new ControlCode("\u001b[?1049h\u001b[H")); // alternate screen, as full-screen programs do
        try
        {
            await AnsiConsole.Live(Render())
                .AutoClear(false)
                .Overflow(VerticalOverflow.Crop)
                .Cropping(VerticalOverflowCropping.Top)
                .StartAsync(async live =>
                {
                    try
                    {
                        await foreach (object? item in inbox.Reader.ReadAllAsync(cancellationToken))
                        {
                            bool go = item switch
                            {
                                MessengerEventArgs e => Apply(e),
                                ConsoleKeyInfo key => await OnKeyAsync(key, cancellationToken),
                                _ => false,
                            };
                            if (!go)
                            {
                                return;
                            }

                            live.UpdateTarget(Render());
                            live.Refresh();
                        }
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        // Ctrl+C: leave; the caller ends the conversations.
                    }
                });
        }
        finally
        {
            AnsiConsole.Write(new ControlCode("\u001b[?1049l"));
        }

        return Infrastructure.ExitCodes.Success;
    }

    public void Message(Contact contact, string text, bool mine)
    {
        if (!_history.TryGetValue(contact.Id, out List<(string, string, bool)>? lines))
        {
            _history[contact.Id] = lines = [];
        }

        lines.Add((mine ? userName : contact.Name, RtfText.ToDisplayText(text), mine));
        if (lines.Count > HistoryLimit)
        {
            lines.RemoveAt(0);
        }

        if (!mine && _session.Current?.Contact.Id != contact.Id)
        {
            Notice($"message from {contact.Name} (Tab to see it)");
        }
    }

    public void Notice(string text)
    {
        _notices.Add($"{DateTime.Now:HH:mm:ss} {text}");
        if (_notices.Count > 100)
        {
            _notices.RemoveAt(0);
        }
    }

    public void Problem(string text) => Notice("! " + text);

    private bool Apply(MessengerEventArgs e)
    {
        _session.Apply(e);
        return true;
    }

    private async Task<bool> OnKeyAsync(ConsoleKeyInfo key, CancellationToken cancellationToken)
    {
        IReadOnlyList<Contact> contacts = _session.Node.Contacts.List();
        switch (key.Key)
        {
            case ConsoleKey.Enter:
                string line = _input.ToString();
                _input.Clear();
                if (line.Length == 0)
                {
                    if (contacts.Count > 0)
                    {
                        await _session.ChatAsync(contacts[Math.Clamp(_selected, 0, contacts.Count - 1)].Name, cancellationToken);
                    }

                    return true;
                }

                return await MessengerCommand.ExecuteSafelyAsync(_session, line, this, cancellationToken);
            case ConsoleKey.UpArrow:
                _selected = Math.Max(0, _selected - 1);
                return true;
            case ConsoleKey.DownArrow:
                _selected = Math.Min(Math.Max(0, contacts.Count - 1), _selected + 1);
                return true;
            case ConsoleKey.Tab:
                IReadOnlyList<Conversation> open = _session.Node.Conversations;
                if (open.Count > 0)
                {
                    int index = _session.Current is { } current ? open.ToList().FindIndex(c => ReferenceEquals(c, current)) : -1;
                    _session.SwitchTo(open[(index + 1) % open.Count].Contact.Name);
                }

                return true;
            case ConsoleKey.F5:
                return await MessengerCommand.ExecuteSafelyAsync(_session, "/scan", this, cancellationToken);
            case ConsoleKey.Escape:
                _input.Clear();
                return true;
            case ConsoleKey.Backspace:
                if (_input.Length > 0)
                {
                    _input.Length--;
                }

                return true;
            default:
                if (!char.IsControl(key.KeyChar) && _input.Length < 4000)
                {
                    _input.Append(key.KeyChar);
                }

                return true;
        }
    }

    private Layout Render()
    {
        int height = Math.Max(12, Console.WindowHeight);
        int conversationLines = Math.Max(3, height - (NoticeLines + 2) - 3 - 2);

        var contactRows = new List<IRenderable>();
        IReadOnlyList<Contact> contacts = SafeContacts();
        _selected = Math.Clamp(_selected, 0, Math.Max(0, contacts.Count - 1));
        for (int i = 0; i < contacts.Count; i++)
        {
            Contact contact = contacts[i];
            (string mark, string colour) = _session.Node.ConversationWith(contact) is not null ? ("◆", "yellow")
                : _session.Node.IsOnline(contact) ? ("●", "green") : ("○", "grey");
            string row = $"[{colour}]{mark}[/] {Markup.Escape(contact.Name)}";
            contactRows.Add(new Markup(i == _selected ? $"[invert]{row}[/]" : row));
        }

        if (contactRows.Count == 0)
        {
            contactRows.Add(new Markup("[grey]no contacts:[/]\n[grey]wlsock messenger[/]\n[grey]contacts add[/]"));
        }

        Conversation? current = _session.Current is { IsOpen: true } c ? c : null;
        var chatRows = new List<IRenderable>();
        string chatTitle = "No conversation: select a contact, Enter";
        if (current is not null)
        {
            chatTitle = $"Conversation with {current.Contact.Name}";
            IEnumerable<(string Who, string Text, bool Mine)> lines = _history.GetValueOrDefault(current.Contact.Id) ?? [];
            foreach ((string who, string text, bool mine) in lines.TakeLast(conversationLines))
            {
                string colour = mine ? "blue" : "green";
                chatRows.Add(new Markup($"[bold {colour}]{Markup.Escape(who)}[/] : {Markup.Escape(text)}"));
            }
        }

        var notes = _notices.TakeLast(NoticeLines).Select(n => (IRenderable)new Markup(Markup.Escape(n))).ToList();
        var layout = new Layout("root").SplitRows(
            new Layout("main").SplitColumns(
                new Layout("contacts", new Panel(new Rows(contactRows)).Header("Contacts").Expand()).Size(22),
                new Layout("chat", new Panel(new Rows(chatRows)).Header(Markup.Escape(chatTitle)).Expand())),
            new Layout("notes", new Panel(new Rows(notes)).Header("Notifications").Expand()).Size(NoticeLines + 2),
            new Layout("input", new Panel(new Markup("> " + Markup.Escape(_input.ToString()) + "[blink]_[/]"))
                .Header($"{Markup.Escape(userName)} · ↑↓ Enter: chat · Tab: next · /help").Expand()).Size(3));
        return layout;
    }

    private IReadOnlyList<Contact> SafeContacts()
    {
        try
        {
            return _session.Node.Contacts.List();
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return [];
        }
    }

    private static void ReadKeys(ChannelWriter<object?> inbox, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            ConsoleKeyInfo key;
            try
            {
                key = Console.ReadKey(intercept: true);
            }
            catch (InvalidOperationException)
            {
                return; // no console any more
            }

            try
            {
                inbox.WriteAsync(key, cancellationToken).AsTask().GetAwaiter().GetResult(); // blocks while the inbox is full
            }
            catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
            {
                return;
            }
        }
    }
}
