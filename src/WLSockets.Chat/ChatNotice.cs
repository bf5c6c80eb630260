namespace WLSockets.Chat;

/// <summary>How much a <see cref="ChatNotice"/> matters.</summary>
public enum ChatNoticeLevel
{
    /// <summary>Normal life: a client came or left, Redis joined.</summary>
    Information,

    /// <summary>Something degraded: a client dropped for being too slow, Redis unreachable, messages lost.</summary>
    Warning,
}

/// <summary>One event of a chat server, for a log or a status line (the library itself never prints).</summary>
/// <param name="Level">Information or warning.</param>
/// <param name="Text">One line saying what happened (and, for a warning, what it means).</param>
public sealed record ChatNotice(ChatNoticeLevel Level, string Text);
