namespace WLSockets.Fax;

/// <summary>One reply of a HylaFAX server: a three-digit code and its text lines (several for an RFC 959 multi-line reply).</summary>
internal sealed record FaxReply(int Code, IReadOnlyList<string> Lines)
{
    /// <summary>1xx: preliminary (a data transfer starts).</summary>
    public bool IsPreliminary => Code is >= 100 and < 200;

    /// <summary>2xx: done.</summary>
    public bool IsSuccess => Code is >= 200 and < 300;

    /// <summary>3xx: more is needed (a password after USER).</summary>
    public bool IsIntermediate => Code is >= 300 and < 400;

    /// <summary>The text of the last line without its code: what the server says ("Job 3 killed.").</summary>
    public string Text => Lines.Count == 0 ? "" : StripCode(Lines[^1]);

    /// <summary>The whole reply as the server sent it, lines joined by "\n", for messages.</summary>
    public string FullText => string.Join('\n', Lines);

    /// <summary>The lines between the first and the last of a multi-line reply (the body of <c>JPARM</c> or <c>HELP</c>).</summary>
    public IEnumerable<string> Body => Lines.Count <= 2 ? [] : Lines.Skip(1).Take(Lines.Count - 2);

    private static string StripCode(string line) => line.Length > 4 ? line[4..] : "";

    /// <inheritdoc/>
    public override string ToString() => FullText;
}
