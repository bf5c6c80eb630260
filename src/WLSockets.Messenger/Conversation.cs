using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace WLSockets.Messenger;

/// <summary>
/// An open chat with one contact over one connection: each message is one WinDev-framed message (the sender's name is
/// not on the wire; the receiver labels messages with the name from its own address book).
/// </summary>
/// <remarks>Thread-safe: sends are serialised; received messages arrive as <see cref="MessengerNode.Event"/>s.</remarks>
[SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim never allocates its wait handle (only WaitAsync is used); the connection is closed when the conversation ends.")]
public sealed class Conversation
{
    private static readonly TimeSpan s_stopSendTimeout = TimeSpan.FromSeconds(2);
    private readonly MessageConnection _connection;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Action<Conversation, ConversationEndReason> _ended;
    private int _state; // 0 open, 1 ended
    private volatile bool _stopping; // DEMANDE_ARRET being sent: the peer closing now is the answer, not a loss

    internal Conversation(Contact contact, MessageConnection connection, bool incoming, Action<Conversation, ConversationEndReason> ended)
    {
        Contact = contact;
        _connection = connection;
        IsIncoming = incoming;
        _ended = ended;
        RemoteEndPoint = connection.RemoteEndPoint;
    }

    /// <summary>The contact at the other end.</summary>
    public Contact Contact { get; }

    /// <summary>True when the contact asked for this conversation; false when this side did.</summary>
    public bool IsIncoming { get; }

    /// <summary>The peer's address and port.</summary>
    public IPEndPoint? RemoteEndPoint { get; }

    /// <summary>True until either side ends the conversation or the connection drops.</summary>
    public bool IsOpen => Volatile.Read(ref _state) == 0;

    /// <summary>Sends <paramref name="text"/> as one message (Windows-1252, length prefix).</summary>
    /// <exception cref="InvalidOperationException">The conversation has ended.</exception>
    /// <exception cref="WLSocketException">The connection failed; the conversation then ends as lost.</exception>
    public async Task SendAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!IsOpen)
            {
                throw new InvalidOperationException($"The conversation with {Contact.Name} has ended: open a new one.");
            }

            try
            {
                await _connection.SendAsync(text, cancellationToken).ConfigureAwait(false);
            }
            catch (WLSocketException)
            {
                Finish(ConversationEndReason.ConnectionLost);
                throw;
            }
            catch (ObjectDisposedException)
            {
                // The reader saw the end a moment ago and closed the connection.
                throw new InvalidOperationException($"The conversation with {Contact.Name} has ended: open a new one.");
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Ends the conversation: sends <c>DEMANDE_ARRET</c>, then closes the connection. Does nothing once ended.</summary>
    public async Task EndAsync()
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!IsOpen)
            {
                return;
            }

            _stopping = true;
            try
            {
                using var budget = new CancellationTokenSource(s_stopSendTimeout);
                await _connection.SendAsync(MessengerProtocol.StopRequest, budget.Token).ConfigureAwait(false);
            }
            catch (WLSocketException)
            {
                // The peer is already gone: there is nobody left to tell; the conversation ends all the same.
            }
            catch (OperationCanceledException)
            {
                // The peer does not read: give up telling it, close anyway.
            }
            catch (ObjectDisposedException)
            {
                // The reader saw the end at the same moment and closed the connection: the end is already reported.
            }

            Finish(ConversationEndReason.Local);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Reads messages until <c>DEMANDE_ARRET</c>, the end of the connection or <paramref name="cancellationToken"/>.</summary>
    internal async Task ReadLoopAsync(Action<Conversation, string> received, CancellationToken cancellationToken)
    {
        try
        {
            while (IsOpen)
            {
                string message = await _connection.ReceiveStringAsync(cancellationToken).ConfigureAwait(false);
                if (string.IsNullOrWhiteSpace(message))
                {
                    continue; // the example ignores blank messages
                }

                if (MessengerProtocol.IsStopRequest(message))
                {
                    Finish(ConversationEndReason.Peer);
                    return;
                }

                received(this, message);
            }
        }
        catch (WLSocketException)
        {
            Finish(ConversationEndReason.ConnectionLost);
        }
        catch (OperationCanceledException)
        {
            Finish(ConversationEndReason.ConnectionLost);
        }
    }

    /// <summary>Closes the connection and reports the end once, whoever gets here first.</summary>
    internal void Finish(ConversationEndReason reason)
    {
        if (Interlocked.Exchange(ref _state, 1) != 0)
        {
            return;
        }

        if (reason == ConversationEndReason.ConnectionLost && _stopping)
        {
            reason = ConversationEndReason.Local; // the peer closed on our DEMANDE_ARRET before the send returned
        }

        _connection.Close();
        _ended(this, reason);
    }
}
