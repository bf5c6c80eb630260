using System.Net;

namespace WLSockets.Chat;

/// <summary>
/// One row of the server's client table, as the WinDev server window shows it (client address, channel name, last
/// activity) plus message counts. A snapshot: it does not change after it was taken.
/// </summary>
/// <param name="ChannelName">The channel's name as WinDev generates it: <c>C</c> followed by 16 hex digits.</param>
/// <param name="Address">The client's address and port.</param>
/// <param name="ConnectedAt">When the client connected (UTC).</param>
/// <param name="LastActivity">When the client last sent a message, or connected (UTC).</param>
/// <param name="MessagesReceived">Messages received from this client (broadcast to everyone).</param>
/// <param name="MessagesSent">Messages written to this client.</param>
/// <param name="Queued">Messages waiting to be written to this client.</param>
public sealed record ChatClientInfo(
    string ChannelName,
    IPEndPoint Address,
    DateTimeOffset ConnectedAt,
    DateTimeOffset LastActivity,
    long MessagesReceived,
    long MessagesSent,
    int Queued);
