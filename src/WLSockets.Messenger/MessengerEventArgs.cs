using System.Net;

namespace WLSockets.Messenger;

/// <summary>One event of a <see cref="MessengerNode"/>; <see cref="Kind"/> says which properties are set.</summary>
public sealed class MessengerEventArgs : EventArgs
{
    internal MessengerEventArgs(MessengerEventKind kind) => Kind = kind;

    /// <summary>What happened.</summary>
    public MessengerEventKind Kind { get; }

    /// <summary>The contact concerned, when known.</summary>
    public Contact? Contact { get; init; }

    /// <summary>The conversation concerned.</summary>
    public Conversation? Conversation { get; init; }

    /// <summary>The message received, or a description (refusal, problem).</summary>
    public string? Text { get; init; }

    /// <summary>The remote address of a refused request.</summary>
    public IPAddress? Address { get; init; }

    /// <summary>Why a conversation ended.</summary>
    public ConversationEndReason? EndReason { get; init; }
}
