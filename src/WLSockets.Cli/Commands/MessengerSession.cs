using System.Net;
using WLSockets.Cli.Infrastructure;
using WLSockets.Messenger;

namespace WLSockets.Cli.Commands;

/// <summary>What a messenger front end shows: the line mode prints it, the terminal UI draws it.</summary>
internal interface IMessengerView
{
    /// <summary>A message of a conversation: received (<paramref name="mine"/> false) or sent by this user.</summary>
    void Message(Contact contact, string text, bool mine);

    /// <summary>A notification (arrival, departure, conversation opened or ended, refusal), in words.</summary>
    void Notice(string text);

    /// <summary>A command that could not be done (unknown contact, no conversation ...).</summary>
    void Problem(string text);
}

/// <summary>
/// The messenger commands shared by the line mode and the terminal UI (<c>/contacts</c>, <c>/scan</c>, <c>/chat NAME</c>,
/// <c>/to NAME</c>, <c>/end</c>, <c>/quit</c>, plain text), and the "current conversation". Not thread-safe: one
/// loop calls <see cref="ExecuteAsync"/> and <see cref="Apply"/>; node events reach it through that loop.
/// </summary>
internal sealed class MessengerSession(MessengerNode node, IMessengerView view)
{
    public const string Commands = """
        LINE COMMANDS (typed in the terminal UI, or one per line on stdin)
          /contacts        list the address book with each contact's state
          /scan            probe every contact now (also done every 60 s)
          /chat NAME       ask NAME for a conversation; it becomes the current one
          /to NAME         make the open conversation with NAME the current one
          /end             end the current conversation (sends DEMANDE_ARRET)
          /quit            end every conversation and exit (end of input too)
          /help            this list
          //text           send "/text"
          anything else    is sent to the current conversation
        """;

    public MessengerNode Node { get; } = node;

    /// <summary>The conversation plain text goes to.</summary>
    public Conversation? Current { get; private set; }

    /// <summary>Takes a node event into the session (called by the front end's loop).</summary>
    public void Apply(MessengerEventArgs e)
    {
        string name = e.Contact?.Name ?? "?";
        switch (e.Kind)
        {
            case MessengerEventKind.ContactOnline:
                view.Notice($"online {name}");
                break;
            case MessengerEventKind.ContactOffline:
                view.Notice($"offline {name}");
                break;
            case MessengerEventKind.ConversationOpened:
                if (Current is not { IsOpen: true })
                {
                    Current = e.Conversation;
                }

                view.Notice(e.Conversation!.IsIncoming ? $"open {name} (incoming)" : $"open {name}");
                break;
            case MessengerEventKind.MessageReceived:
                view.Message(e.Contact!, e.Text ?? "", mine: false);
                break;
            case MessengerEventKind.ConversationEnded:
                if (ReferenceEquals(Current, e.Conversation))
                {
                    Current = Node.Conversations.FirstOrDefault(c => c.IsOpen);
                }

                view.Notice($"end {name} ({e.EndReason switch
                {
                    ConversationEndReason.Peer => "peer",
                    ConversationEndReason.Local => "local",
                    _ => "lost",
                }})");
                break;
            case MessengerEventKind.RequestRefused:
                view.Notice(e.Contact is null ? $"refused {e.Address} (unknown)" : $"refused {name} (NON_DISPO)");
                break;
            default:
                view.Problem(e.Text ?? "problem");
                break;
        }
    }

    /// <summary>Runs one line; false when it was <c>/quit</c>.</summary>
    public async Task<bool> ExecuteAsync(string line, CancellationToken cancellationToken)
    {
        if (!line.StartsWith('/') || line.StartsWith("//", StringComparison.Ordinal))
        {
            await SendAsync(line.StartsWith("//", StringComparison.Ordinal) ? line[1..] : line, cancellationToken);
            return true;
        }

        string[] words = line.Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        string argument = words.Length > 1 ? words[1] : "";
        switch (words[0].ToLowerInvariant())
        {
            case "/quit":
            case "/exit":
                return false;
            case "/contacts":
                ListContacts();
                break;
            case "/scan":
                IReadOnlyList<Contact> online = await Node.ScanAsync(cancellationToken);
                view.Notice($"scan: {online.Count} online");
                break;
            case "/chat":
                await ChatAsync(argument, cancellationToken);
                break;
            case "/to":
                SwitchTo(argument);
                break;
            case "/end":
                if (Current is { } ending)
                {
                    await ending.EndAsync();
                }
                else
                {
                    view.Problem("no conversation to end");
                }

                break;
            case "/help":
                foreach (string help in Commands.Split('\n'))
                {
                    view.Notice(help.TrimEnd());
                }

                break;
            default:
                view.Problem($"unknown command {words[0]}: type /help");
                break;
        }

        return true;
    }

    /// <summary>Asks <paramref name="name"/> for a conversation (a contact of the address book).</summary>
    public async Task ChatAsync(string name, CancellationToken cancellationToken)
    {
        if (Find(name) is not { } contact)
        {
            return;
        }

        view.Notice($"asking {contact.Name}");
        ChatRequestResult result = await Node.RequestChatAsync(contact, cancellationToken);
        if (result.Outcome == ChatRequestOutcome.Accepted)
        {
            Current = result.Conversation;
            return;
        }

        view.Notice(result.Outcome switch
        {
            ChatRequestOutcome.NotAvailable => $"not available {contact.Name}",
            ChatRequestOutcome.NoAnswer => $"no answer {contact.Name}",
            _ => $"unreachable {contact.Name}: {CliConsole.OneLine(result.Detail)}",
        });
    }

    /// <summary>Makes the open conversation with <paramref name="name"/> the current one.</summary>
    public void SwitchTo(string name)
    {
        if (Find(name) is not { } contact)
        {
            return;
        }

        if (Node.ConversationWith(contact) is { } conversation)
        {
            Current = conversation;
            view.Notice($"current {contact.Name}");
        }
        else
        {
            view.Problem($"no open conversation with {contact.Name}: use /chat {contact.Name}");
        }
    }

    private async Task SendAsync(string text, CancellationToken cancellationToken)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (Current is not { IsOpen: true } conversation)
        {
            view.Problem("no conversation open: use /chat NAME first (/contacts lists the names)");
            return;
        }

        try
        {
            await conversation.SendAsync(text, cancellationToken);
            view.Message(conversation.Contact, text, mine: true);
        }
        catch (Exception ex) when (ex is WLSocketException or InvalidOperationException)
        {
            view.Problem($"not sent to {conversation.Contact.Name}: {CliConsole.OneLine(ex.Message)}");
        }
    }

    private void ListContacts()
    {
        IReadOnlyList<Contact> contacts = Node.Contacts.List();
        if (contacts.Count == 0)
        {
            view.Notice("no contacts: add some with 'wlsock messenger contacts add NAME IP'");
        }

        foreach (Contact contact in contacts)
        {
            string state = Node.ConversationWith(contact) is not null ? "chatting" : Node.IsOnline(contact) ? "online" : "offline";
            view.Notice($"contact {contact.Name} {contact.Address} {state}");
        }
    }

    private Contact? Find(string name)
    {
        if (name.Length == 0)
        {
            view.Problem("give a contact name (see /contacts)");
            return null;
        }

        Contact? contact = Node.Contacts.FindByName(name);
        if (contact is null && IPAddress.TryParse(name, out IPAddress? ip))
        {
            contact = Node.Contacts.FindByAddress(ip);
        }

        if (contact is null)
        {
            view.Problem($"no contact named {name} (see /contacts)");
        }

        return contact;
    }
}
