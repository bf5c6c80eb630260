using System.Net.Sockets;

namespace WLSockets.Transports;

/// <summary>Turns operating-system socket failures into <see cref="WLSocketException"/> with a message that says what to do.</summary>
internal static class SocketErrors
{
    public static WLSocketException Map(SocketException ex, string operation, string? target = null)
    {
        string where = target is null ? "" : $" {target}";
        (WLSocketError error, string message) = ex.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => (WLSocketError.ConnectionRefused,
                $"Connection to{where} refused: nothing is listening on that port, or a firewall rejected it. Check the address and port, and that the server is started."),
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => (WLSocketError.HostNotFound,
                $"Host{where} not found: the name could not be resolved. Check the spelling, or use an IP address."),
            SocketError.TimedOut => (WLSocketError.Timeout,
                $"{operation}{where} timed out."),
            SocketError.AddressAlreadyInUse => (WLSocketError.AddressInUse,
                $"Address{where} already in use: another socket listens on this port. Choose another port or stop the other program."),
            SocketError.AddressNotAvailable => (WLSocketError.AddressInUse,
                $"Address{where} is not an address of this machine. Bind to one of its own addresses, or leave the address empty to listen on all."),
            SocketError.AccessDenied => (WLSocketError.AddressInUse,
                $"Permission denied for{where}: ports below 1024 need administrator rights on most systems. Use a port above 1024."),
            SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown
                or SocketError.OperationAborted or SocketError.Interrupted or SocketError.NotConnected => (WLSocketError.ConnectionReset,
                $"{operation} failed: the connection was reset or closed{where} ({ex.SocketErrorCode})."),
            SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.HostDown => (WLSocketError.NetworkError,
                $"{operation} failed: {where} is unreachable from this machine ({ex.SocketErrorCode}). Check the address and the network route."),
            _ => (WLSocketError.NetworkError, $"{operation}{where} failed: {ex.Message} ({ex.SocketErrorCode})."),
        };
        return new WLSocketException(error, message, ex) { SocketErrorCode = ex.SocketErrorCode };
    }

    public static WLSocketException Closed(string operation) =>
        new(WLSocketError.ConnectionReset, $"{operation} failed: the socket was closed locally.") { SocketErrorCode = SocketError.OperationAborted };

    public static WLSocketException TimedOut(string operation, string detail = "") =>
        new(WLSocketError.Timeout, $"{operation} timed out{detail}.") { SocketErrorCode = SocketError.TimedOut };
}
