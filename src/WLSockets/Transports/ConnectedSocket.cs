using System.Net;
using System.Net.Sockets;

namespace WLSockets.Transports;

/// <summary>
/// A connected stream socket, with its addresses when the BCL cannot report them for its family (Bluetooth RFCOMM on
/// Linux); null addresses = ask the socket.
/// </summary>
internal readonly record struct ConnectedSocket(Socket Socket, EndPoint? Remote, EndPoint? Local);
