namespace WLSockets.Messenger;

/// <summary>The outcome of <see cref="MessengerNode.RequestChatAsync"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Conversation">The open conversation when <see cref="ChatRequestOutcome.Accepted"/>.</param>
/// <param name="Detail">Why, in words, when not accepted.</param>
public sealed record ChatRequestResult(ChatRequestOutcome Outcome, Conversation? Conversation, string Detail);
