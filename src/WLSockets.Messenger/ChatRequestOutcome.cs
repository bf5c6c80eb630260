namespace WLSockets.Messenger;

/// <summary>The answer to a chat request.</summary>
public enum ChatRequestOutcome
{
    /// <summary>The contact answered <c>OK</c> (or a conversation with it was already open): <see cref="ChatRequestResult.Conversation"/> is set.</summary>
    Accepted,

    /// <summary>The contact answered <c>NON_DISPO</c>: "Le contact n'est pas disponible actuellement".</summary>
    NotAvailable,

    /// <summary>No <c>OK</c> within the time limit, the connection closed, or another answer: "Le contact n'a pas répondu dans le délai imparti".</summary>
    NoAnswer,

    /// <summary>The contact could not be reached at all (refused, unreachable, name not found).</summary>
    Unreachable,
}
