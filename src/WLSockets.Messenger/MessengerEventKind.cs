namespace WLSockets.Messenger;

/// <summary>What a <see cref="MessengerEventArgs"/> reports.</summary>
public enum MessengerEventKind
{
    /// <summary>A contact answered the presence probe (<see cref="MessengerEventArgs.Contact"/>).</summary>
    ContactOnline,

    /// <summary>A contact stopped answering the presence probe.</summary>
    ContactOffline,

    /// <summary>A conversation opened (<see cref="MessengerEventArgs.Conversation"/>; <see cref="Conversation.IsIncoming"/> says who asked).</summary>
    ConversationOpened,

    /// <summary>A message arrived in a conversation (<see cref="MessengerEventArgs.Text"/>).</summary>
    MessageReceived,

    /// <summary>A conversation ended (<see cref="MessengerEventArgs.EndReason"/>).</summary>
    ConversationEnded,

    /// <summary>A chat request was refused (<see cref="MessengerEventArgs.Address"/>, <see cref="MessengerEventArgs.Text"/> says why).</summary>
    RequestRefused,

    /// <summary>Something failed in the background (<see cref="MessengerEventArgs.Text"/>): a listener, the address book.</summary>
    Problem,
}
