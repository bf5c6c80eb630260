using System.Collections.Concurrent;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace WLSockets.Messenger;

/// <summary>
/// One instance of the LAN messenger, both client and server as in WinDev's "WD Messagerie Instantanée": a presence
/// listener (a connection that succeeds means "online"; it is closed at once, nothing sent), a chat-request listener
/// (a known contact gets <c>OK</c>, an unknown address is refused and closed, a contact already in a conversation gets
/// <c>NON_DISPO</c>), a parallel presence scan of the address book, and the open conversations.
/// </summary>
/// <remarks>
/// Thread-safe. <see cref="Event"/> is raised on background threads, one event at a time per source; handlers must
/// be quick and must not throw.
/// </remarks>
public sealed class MessengerNode : IAsyncDisposable
{
    private static readonly TimeSpan s_closeTimeout = TimeSpan.FromSeconds(1);
    private readonly MessengerOptions _options;
    private readonly MessageListener _presence;
    private readonly MessageListener _chat;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<long, Conversation> _conversations = new();
    private readonly ConcurrentDictionary<long, Contact> _online = new();
    private readonly SemaphoreSlim _scanLock = new(1, 1);
    private readonly List<Task> _loops = [];
    private int _disposed;

    private MessengerNode(ContactBook contacts, MessengerOptions options, MessageListener presence, MessageListener chat)
    {
        Contacts = contacts;
        _options = options;
        _presence = presence;
        _chat = chat;
    }

    /// <summary>Raised for every arrival, departure, conversation, message and refusal (see <see cref="MessengerEventKind"/>).</summary>
    public event EventHandler<MessengerEventArgs>? Event;

    /// <summary>The address book.</summary>
    public ContactBook Contacts { get; }

    /// <summary>Where the presence listener listens.</summary>
    public IPEndPoint PresenceEndPoint => _presence.LocalEndPoint;

    /// <summary>Where the chat-request listener listens.</summary>
    public IPEndPoint ChatEndPoint => _chat.LocalEndPoint;

    /// <summary>The contacts that answered the last probe, by name.</summary>
    public IReadOnlyList<Contact> OnlineContacts => [.. _online.Values.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)];

    /// <summary>The open conversations, by contact name.</summary>
    public IReadOnlyList<Conversation> Conversations => [.. _conversations.Values.OrderBy(c => c.Contact.Name, StringComparer.OrdinalIgnoreCase)];

    /// <summary>
    /// Binds both listeners on <see cref="MessengerOptions.BindAddress"/>, then starts accepting, and the presence scan
    /// (at start unless turned off, then every <see cref="MessengerOptions.ScanInterval"/>).
    /// </summary>
    /// <exception cref="WLSocketException">A port is taken (another instance on this address?) or the address is not local.</exception>
    public static MessengerNode Start(ContactBook contacts, MessengerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        options ??= new MessengerOptions();
        var connectionOptions = new MessageConnectionOptions { MaxMessageSize = options.MaxMessageSize, CloseTimeout = s_closeTimeout };
        string bind = options.BindAddress.ToString();
        MessageListener presence = MessageListener.Start(bind, options.PresencePort, connectionOptions);
        MessageListener chat;
        try
        {
            chat = MessageListener.Start(bind, options.ChatPort, connectionOptions);
        }
        catch
        {
            presence.Dispose();
            throw;
        }

        var node = new MessengerNode(contacts, options, presence, chat);
        // Presence is the connection itself: it is closed at once, nothing sent.
        node._loops.Add(Task.Run(() => node.AcceptLoopAsync(presence, "presence", probe => probe.Close())));
        node._loops.Add(Task.Run(() => node.AcceptLoopAsync(chat, "chat", request => _ = Task.Run(() => node.AnswerRequestAsync(request)))));
        node._loops.Add(Task.Run(node.ScanLoopAsync));
        return node;
    }

    /// <summary>True when <paramref name="contact"/> answered the last probe.</summary>
    public bool IsOnline(Contact contact) => _online.ContainsKey(contact.Id);

    /// <summary>The open conversation with <paramref name="contact"/>, or null.</summary>
    public Conversation? ConversationWith(Contact contact) => _conversations.GetValueOrDefault(contact.Id);

    /// <summary>
    /// Probes every contact in parallel (TCP connect to its presence port within <see cref="MessengerOptions.ProbeTimeout"/>;
    /// no ICMP), updates <see cref="OnlineContacts"/> and raises the arrivals and departures. This instance itself is
    /// never listed. Scans do not overlap: a second call waits for the first.
    /// </summary>
    public async Task<IReadOnlyList<Contact>> ScanAsync(CancellationToken cancellationToken = default)
    {
        await _scanLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            IReadOnlyList<Contact> contacts = Contacts.List();
            Contact[] candidates = [.. contacts.Where(c => !IsSelf(c))];
            bool[] answers = await Task.WhenAll(candidates.Select(c => ProbeAsync(c, cancellationToken))).ConfigureAwait(false);
            var seen = new HashSet<long>();
            for (int i = 0; i < candidates.Length; i++)
            {
                Contact contact = candidates[i];
                seen.Add(contact.Id);
                if (answers[i])
                {
                    if (_online.TryAdd(contact.Id, contact))
                    {
                        Raise(new MessengerEventArgs(MessengerEventKind.ContactOnline) { Contact = contact });
                    }
                    else
                    {
                        _online[contact.Id] = contact; // the record may have changed
                    }
                }
                else if (_online.TryRemove(contact.Id, out _))
                {
                    Raise(new MessengerEventArgs(MessengerEventKind.ContactOffline) { Contact = contact });
                }
            }

            foreach (long gone in _online.Keys.Where(id => !seen.Contains(id)))
            {
                if (_online.TryRemove(gone, out Contact? removed))
                {
                    Raise(new MessengerEventArgs(MessengerEventKind.ContactOffline) { Contact = removed });
                }
            }

            return OnlineContacts;
        }
        finally
        {
            _scanLock.Release();
        }
    }

    /// <summary>
    /// Asks <paramref name="contact"/> for a conversation: connects to its chat port (from this instance's address) and
    /// waits <see cref="MessengerOptions.RequestReplyTimeout"/> for <c>OK</c>. When a conversation with the contact is
    /// already open, returns it without asking again.
    /// </summary>
    public async Task<ChatRequestResult> RequestChatAsync(Contact contact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        if (_conversations.TryGetValue(contact.Id, out Conversation? existing))
        {
            return new ChatRequestResult(ChatRequestOutcome.Accepted, existing, "already open");
        }

        contact = await RefreshAddressAsync(contact, cancellationToken).ConfigureAwait(false);
        MessageConnection connection;
        try
        {
            connection = await MessageConnection.ConnectAsync(contact.Address, _options.ChatPort, ClientOptions(TimeSpan.FromSeconds(5)), cancellationToken).ConfigureAwait(false);
        }
        catch (WLSocketException ex)
        {
            return new ChatRequestResult(ChatRequestOutcome.Unreachable, null, ex.Message);
        }

        string answer;
        try
        {
            answer = await connection.ReceiveStringAsync(_options.RequestReplyTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (WLSocketException ex)
        {
            connection.Close();
            return new ChatRequestResult(ChatRequestOutcome.NoAnswer, null, $"{contact.Name} did not answer in time ({ex.Error}).");
        }

        if (answer == MessengerProtocol.NotAvailable)
        {
            connection.Close();
            return new ChatRequestResult(ChatRequestOutcome.NotAvailable, null, $"{contact.Name} is not available at the moment (NON_DISPO).");
        }

        if (answer != MessengerProtocol.Accepted)
        {
            connection.Close();
            return new ChatRequestResult(ChatRequestOutcome.NoAnswer, null, $"{contact.Name} did not answer OK.");
        }

        var conversation = new Conversation(contact, connection, incoming: false, OnEnded);
        if (!_conversations.TryAdd(contact.Id, conversation))
        {
            // The contact asked at the same moment and won: keep that conversation, close this one politely.
            await conversation.EndAsync().ConfigureAwait(false);
            Conversation winner = _conversations.GetValueOrDefault(contact.Id) ?? conversation;
            return new ChatRequestResult(winner.IsOpen ? ChatRequestOutcome.Accepted : ChatRequestOutcome.NoAnswer, winner.IsOpen ? winner : null, "already open");
        }

        Open(conversation);
        return new ChatRequestResult(ChatRequestOutcome.Accepted, conversation, "");
    }

    /// <summary>Ends every conversation (<c>DEMANDE_ARRET</c>), then stops the listeners and the scan.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Task.WhenAll(_conversations.Values.Select(c => c.EndAsync())).ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        _presence.Dispose();
        _chat.Dispose();
        try
        {
            await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A probe still connecting: it ends on its own within its timeout, and touches nothing disposed.
        }

        // _stop is not disposed: a request being answered may still read its (cancelled) token.
    }

    /// <summary>Accepts on <paramref name="listener"/> until disposal; each connection goes to <paramref name="handle"/>.</summary>
    private async Task AcceptLoopAsync(MessageListener listener, string name, Action<MessageConnection> handle)
    {
        while (!_stop.IsCancellationRequested)
        {
            MessageConnection accepted;
            try
            {
                accepted = await listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException || _stop.IsCancellationRequested)
            {
                return;
            }
            catch (WLSocketException ex)
            {
                Raise(new MessengerEventArgs(MessengerEventKind.Problem) { Text = name + " listener: " + ex.Message });
                continue;
            }

            handle(accepted);
        }
    }

    private async Task AnswerRequestAsync(MessageConnection request)
    {
        IPAddress? from = request.RemoteEndPoint?.Address;
        Contact? contact;
        try
        {
            contact = from is null ? null : Contacts.FindByAddress(from);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            request.Close();
            Raise(new MessengerEventArgs(MessengerEventKind.Problem) { Text = "address book: " + ex.Message });
            return;
        }

        if (contact is null)
        {
            // WinDev leaves this channel open and the requester waits 2 s; closing it answers at once (OQ X3).
            request.Close();
            Raise(new MessengerEventArgs(MessengerEventKind.RequestRefused) { Address = from, Text = $"request from an unknown user: {from}" });
            return;
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        budget.CancelAfter(TimeSpan.FromSeconds(5));
        var conversation = new Conversation(contact, request, incoming: true, OnEnded);
        if (!_conversations.TryAdd(contact.Id, conversation))
        {
            try
            {
                await request.SendAsync(MessengerProtocol.NotAvailable, budget.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WLSocketException or OperationCanceledException)
            {
                // The requester left already: it will not see the answer, nothing else to do.
            }

            request.Close();
            Raise(new MessengerEventArgs(MessengerEventKind.RequestRefused) { Address = from, Contact = contact, Text = $"{contact.Name} asked again while a conversation is open: answered NON_DISPO" });
            return;
        }

        try
        {
            await request.SendAsync(MessengerProtocol.Accepted, budget.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WLSocketException or OperationCanceledException)
        {
            _conversations.TryRemove(new KeyValuePair<long, Conversation>(contact.Id, conversation));
            request.Close();
            return;
        }

        Open(conversation);
    }

    private void Open(Conversation conversation)
    {
        Raise(new MessengerEventArgs(MessengerEventKind.ConversationOpened) { Contact = conversation.Contact, Conversation = conversation });
        _ = Task.Run(() => conversation.ReadLoopAsync(
            (c, text) => Raise(new MessengerEventArgs(MessengerEventKind.MessageReceived) { Contact = c.Contact, Conversation = c, Text = text }),
            _stop.Token));
    }

    private void OnEnded(Conversation conversation, ConversationEndReason reason)
    {
        _conversations.TryRemove(new KeyValuePair<long, Conversation>(conversation.Contact.Id, conversation));
        Raise(new MessengerEventArgs(MessengerEventKind.ConversationEnded) { Contact = conversation.Contact, Conversation = conversation, EndReason = reason });
    }

    private async Task ScanLoopAsync()
    {
        try
        {
            if (_options.ScanAtStart)
            {
                await ScanQuietlyAsync().ConfigureAwait(false);
            }

            if (_options.ScanInterval == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            using var timer = new PeriodicTimer(_options.ScanInterval);
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                await ScanQuietlyAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private async Task ScanQuietlyAsync()
    {
        try
        {
            await ScanAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            Raise(new MessengerEventArgs(MessengerEventKind.Problem) { Text = "presence scan: " + ex.Message });
        }
    }

    private async Task<bool> ProbeAsync(Contact contact, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(contact.Address))
        {
            return false;
        }

        try
        {
            MessageConnection probe = await MessageConnection.ConnectAsync(contact.Address, _options.PresencePort, ClientOptions(_options.ProbeTimeout), cancellationToken).ConfigureAwait(false);
            await probe.CloseAsync().ConfigureAwait(false);
            return true;
        }
        catch (WLSocketException)
        {
            return false; // refused, timed out, unreachable, name not found: not online
        }
    }

    /// <summary>When the contact has a DNS name, resolves it and saves the address back, as the example does before a chat.</summary>
    private async Task<Contact> RefreshAddressAsync(Contact contact, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(contact.DnsName))
        {
            return contact;
        }

        try
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(TimeSpan.FromSeconds(5));
            IPAddress[] addresses = await Dns.GetHostAddressesAsync(contact.DnsName, budget.Token).ConfigureAwait(false);
            IPAddress? chosen = addresses.FirstOrDefault(a => a.AddressFamily == _options.BindAddress.AddressFamily) ?? addresses.FirstOrDefault();
            if (chosen is null || chosen.ToString() == contact.IpAddress)
            {
                return contact;
            }

            Contacts.UpdateIpAddress(contact.Id, chosen.ToString());
            return contact with { IpAddress = chosen.ToString() };
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return contact; // keep the recorded address
        }
    }

    private MessageConnectionOptions ClientOptions(TimeSpan connectTimeout) => new()
    {
        ConnectTimeout = connectTimeout,
        MaxMessageSize = _options.MaxMessageSize,
        CloseTimeout = s_closeTimeout,
        LocalEndPoint = IsWildcard(_options.BindAddress) ? null : new IPEndPoint(_options.BindAddress, 0),
    };

    /// <summary>This instance: its own bind address, or with a wildcard bind, a loopback or interface address of this machine.</summary>
    private bool IsSelf(Contact contact)
    {
        if (contact.ParsedIpAddress is not { } ip)
        {
            return false;
        }

        if (!IsWildcard(_options.BindAddress))
        {
            return ip.Equals(_options.BindAddress);
        }

        return IPAddress.IsLoopback(ip) || NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Any(a => a.Address.Equals(ip));
    }

    private static bool IsWildcard(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);

    private void Raise(MessengerEventArgs args) => Event?.Invoke(this, args);
}
