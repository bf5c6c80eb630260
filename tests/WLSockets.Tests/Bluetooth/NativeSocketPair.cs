using System.Runtime.InteropServices;
using WLSockets.Transports.Bluetooth;

namespace WLSockets.Tests.Bluetooth;

/// <summary>
/// A connected AF_UNIX stream socket pair made with libc, each end wrapped exactly as an RFCOMM descriptor is
/// (<see cref="RfcommSockets.Wrap"/>): it stands in for the radio link in the stream-path tests.
/// </summary>
internal static partial class NativeSocketPair
{
    private const int AF_UNIX = 1;

    public static bool IsSupported => OperatingSystem.IsLinux();

    public static (System.Net.Sockets.Socket A, System.Net.Sockets.Socket B) Create()
    {
        int[] fds = new int[2];
        if (SocketPair(AF_UNIX, LinuxSocketCalls.SOCK_STREAM | LinuxSocketCalls.SOCK_CLOEXEC, 0, fds) != 0)
        {
            throw new InvalidOperationException($"socketpair failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return (RfcommSockets.Wrap(fds[0]), RfcommSockets.Wrap(fds[1]));
    }

    [LibraryImport("libc", EntryPoint = "socketpair", SetLastError = true)]
    private static partial int SocketPair(int domain, int type, int protocol, [Out] int[] fds);
}
