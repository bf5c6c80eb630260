using System.Runtime.InteropServices;

namespace WLSockets.Transports.Bluetooth;

/// <summary>
/// The libc socket calls for address families the BCL cannot create or address on Linux (AF_BLUETOOTH): .NET maps
/// only the families it knows to the native ones and answers AddressFamilyNotSupported for the others.
/// </summary>
internal static partial class LinuxSocketCalls
{
    public const int SOCK_STREAM = 1;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int EAGAIN = 11;
    public const int EINTR = 4;
    public const int EINPROGRESS = 115;
    public const int EAFNOSUPPORT = 97;
    public const int EPROTONOSUPPORT = 93;
    public const int SOL_SOCKET = 1;
    public const int SO_ERROR = 4;
    public const short POLLOUT = 0x004;
    private const int F_GETFL = 3;
    private const int F_SETFL = 4;
    private const int O_NONBLOCK = 0x800;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    public static partial int Connect(int socket, byte[] address, int length);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    public static partial int Bind(int socket, byte[] address, int length);

    [LibraryImport("libc", EntryPoint = "listen", SetLastError = true)]
    public static partial int Listen(int socket, int backlog);

    [LibraryImport("libc", EntryPoint = "accept4", SetLastError = true)]
    public static partial int Accept4(int socket, byte[] address, ref int length, int flags);

    [LibraryImport("libc", EntryPoint = "getsockname", SetLastError = true)]
    public static partial int GetSockName(int socket, byte[] address, ref int length);

    [LibraryImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    public static partial int GetSockOpt(int socket, int level, int name, ref int value, ref int length);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(ref PollFd fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "strerror")]
    private static partial nint StrError(int errno);

    /// <summary>Switches O_NONBLOCK on or off; false when fcntl fails.</summary>
    public static bool SetNonBlocking(int fd, bool nonBlocking)
    {
        int flags = Fcntl(fd, F_GETFL, 0);
        return flags >= 0 && Fcntl(fd, F_SETFL, nonBlocking ? flags | O_NONBLOCK : flags & ~O_NONBLOCK) == 0;
    }

    /// <summary>The portable <see cref="System.Net.Sockets.SocketError"/> of a Linux errno (what <c>errCodeSystème</c> reports for every socket).</summary>
    public static System.Net.Sockets.SocketError ToSocketError(int errno) => errno switch
    {
        111 => System.Net.Sockets.SocketError.ConnectionRefused,
        110 => System.Net.Sockets.SocketError.TimedOut,
        112 => System.Net.Sockets.SocketError.HostDown,
        113 => System.Net.Sockets.SocketError.HostUnreachable,
        1 or 13 => System.Net.Sockets.SocketError.AccessDenied,
        98 => System.Net.Sockets.SocketError.AddressAlreadyInUse,
        99 => System.Net.Sockets.SocketError.AddressNotAvailable,
        19 => System.Net.Sockets.SocketError.NetworkDown,
        104 => System.Net.Sockets.SocketError.ConnectionReset,
        EAFNOSUPPORT => System.Net.Sockets.SocketError.AddressFamilyNotSupported,
        EPROTONOSUPPORT => System.Net.Sockets.SocketError.ProtocolNotSupported,
        EAGAIN => System.Net.Sockets.SocketError.WouldBlock,
        EINPROGRESS => System.Net.Sockets.SocketError.InProgress,
        EINTR => System.Net.Sockets.SocketError.Interrupted,
        _ => System.Net.Sockets.SocketError.SocketError,
    };

    /// <summary>The system's text for an errno value.</summary>
    public static string Describe(int errno) => Marshal.PtrToStringUTF8(StrError(errno)) ?? $"errno {errno}";
}
