namespace WLSockets.Messenger;

/// <summary>Why a conversation ended.</summary>
public enum ConversationEndReason
{
    /// <summary>This side sent <c>DEMANDE_ARRET</c>.</summary>
    Local,

    /// <summary>The peer sent <c>DEMANDE_ARRET</c> (in any case and spacing).</summary>
    Peer,

    /// <summary>The connection closed or failed without <c>DEMANDE_ARRET</c>.</summary>
    ConnectionLost,
}
