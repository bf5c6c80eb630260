namespace WLSockets.Framing;

/// <summary>The outcome of one attempt to cut a message out of buffered bytes.</summary>
internal enum FrameStatus
{
    /// <summary>A whole message is there.</summary>
    Complete,

    /// <summary>The bytes so far are a valid beginning; more are needed.</summary>
    NeedMoreData,

    /// <summary>The bytes cannot be a valid frame (for example a length header that is not a number).</summary>
    InvalidHeader,

    /// <summary>The frame announces or would need more than the allowed maximum.</summary>
    TooLarge,
}
