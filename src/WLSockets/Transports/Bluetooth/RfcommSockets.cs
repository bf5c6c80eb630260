using System.Net.Sockets;
using System.Runtime.InteropServices;
using WLSockets.Internal;

namespace WLSockets.Transports.Bluetooth;

/// <summary>
/// Bluetooth RFCOMM stream sockets on the operating system's own stack: Linux <c>AF_BLUETOOTH</c> /
/// <c>BTPROTO_RFCOMM</c> through libc (the BCL cannot create that family there), Windows <c>AF_BTH</c> /
/// <c>BTHPROTO_RFCOMM</c> through <see cref="Socket"/> with a <see cref="BluetoothEndPoint"/>. The connected socket
/// is then an ordinary stream socket: the TCP transport carries it unchanged.
/// </summary>
internal static class RfcommSockets
{
    /// <summary>Creates an unconnected RFCOMM socket, or throws <see cref="WLSocketError.NotSupported"/> naming what is missing.</summary>
    public static Socket Create()
    {
        if (OperatingSystem.IsLinux())
        {
            int fd = LinuxSocketCalls.Socket(SocketAddressLayouts.LinuxAfBluetooth, LinuxSocketCalls.SOCK_STREAM | LinuxSocketCalls.SOCK_CLOEXEC, SocketAddressLayouts.LinuxBtProtoRfcomm);
            if (fd < 0)
            {
                throw Unavailable(Marshal.GetLastPInvokeError());
            }

            return Wrap(fd);
        }

        if (OperatingSystem.IsWindows())
        {
            try
            {
                return new Socket((AddressFamily)SocketAddressLayouts.WindowsAfBth, SocketType.Stream, (ProtocolType)SocketAddressLayouts.WindowsBthProtoRfcomm);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressFamilyNotSupported or SocketError.ProtocolNotSupported
                or SocketError.ProtocolFamilyNotSupported or SocketError.SocketNotSupported)
            {
                throw new WLSocketException(WLSocketError.NotSupported,
                    $"Bluetooth sockets are not available here: Windows has no AF_BTH (Microsoft Bluetooth stack) socket provider ({ex.SocketErrorCode}). Check that a Bluetooth adapter is present and enabled and that it uses the Microsoft stack.", ex)
                { SocketErrorCode = ex.SocketErrorCode };
            }
        }

        throw new WLSocketException(WLSocketError.NotSupported,
            $"Bluetooth sockets are not supported on this platform ({RuntimeInformation.OSDescription}): WLSockets implements RFCOMM on Linux (AF_BLUETOOTH) and Windows (AF_BTH) only.");
    }

    /// <summary>True when this system can create an RFCOMM socket; otherwise <paramref name="reason"/> says why.</summary>
    public static bool IsAvailable(out string reason)
    {
        try
        {
            Create().Dispose();
            reason = "";
            return true;
        }
        catch (WLSocketException ex)
        {
            reason = ex.Message;
            return false;
        }
    }

    /// <summary>Connects to <paramref name="device"/> within <paramref name="deadline"/> (open question B3).</summary>
    public static ConnectedSocket Connect(BluetoothAddress device, BluetoothService service, Deadline deadline)
    {
        string target = service.IsChannel ? $"{device} channel {service.Channel}" : $"{device} service {service}";
        Socket socket = Create();
        try
        {
            if (OperatingSystem.IsWindows())
            {
                var remote = new BluetoothEndPoint(device, service.Channel, service.ServiceClass);
                ConnectWindows(socket, remote, deadline, target);
                return new ConnectedSocket(socket, remote, null);
            }

            if (!service.IsChannel)
            {
                throw new WLSocketException(WLSocketError.NotSupported,
                    $"Cannot connect to {target} on Linux: finding the RFCOMM channel of a service class needs an SDP query through BlueZ, which WLSockets does not do. Give the channel number (1 to 30) as the service instead; 'sdptool browse {device}' or 'bluetoothctl' shows it (serial port modules usually use channel 1).");
            }

            ConnectLinux((int)socket.Handle, device, (byte)service.Channel, deadline, target);
            return new ConnectedSocket(socket, new BluetoothEndPoint(device, service.Channel), null);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Binds and listens on <paramref name="service"/>'s channel, or on the first free channel (1–30, the kernel's
    /// choice on Linux, <c>BT_PORT_ANY</c> on Windows) when the service is a UUID. Returns the listening socket and its channel.
    /// </summary>
    public static (Socket Socket, int Channel) Listen(BluetoothService service)
    {
        Socket socket = Create();
        try
        {
            if (OperatingSystem.IsWindows())
            {
                socket.Bind(new BluetoothEndPoint(BluetoothAddress.Any, service.IsChannel ? service.Channel : -1, service.ServiceClass));
                socket.Listen();
                int channel = (socket.LocalEndPoint as BluetoothEndPoint)?.Channel ?? service.Channel;
                return (socket, channel);
            }

            int fd = (int)socket.Handle;
            byte[] address = SocketAddressLayouts.LinuxSockaddrRc(BluetoothAddress.Any, (byte)service.Channel); // 0 = the kernel picks at listen
            if (LinuxSocketCalls.Bind(fd, address, address.Length) != 0)
            {
                throw Failure(Marshal.GetLastPInvokeError(), "Listen", service.IsChannel ? $"on RFCOMM channel {service.Channel}" : "on RFCOMM");
            }

            if (LinuxSocketCalls.Listen(fd, 128) != 0)
            {
                throw Failure(Marshal.GetLastPInvokeError(), "Listen", "on RFCOMM");
            }

            byte[] local = new byte[SocketAddressLayouts.SockaddrRcSize];
            int length = local.Length;
            int bound = LinuxSocketCalls.GetSockName(fd, local, ref length) == 0 ? SocketAddressLayouts.ReadLinuxSockaddrRc(local).Channel : service.Channel;
            LinuxSocketCalls.SetNonBlocking(fd, true); // accepts only take connections already queued
            return (socket, bound);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Takes one queued connection from a listening RFCOMM socket without blocking; null when none is queued. On
    /// Windows, where <see cref="Socket.Accept"/> works with the listener's endpoint type, it serves IrDA listeners too.
    /// </summary>
    public static ConnectedSocket? TryAccept(Socket listener)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                listener.Blocking = false;
                Socket accepted = listener.Accept();
                accepted.Blocking = true;
                return new ConnectedSocket(accepted, accepted.RemoteEndPoint, null);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.WouldBlock)
            {
                return null;
            }
        }

        byte[] peer = new byte[SocketAddressLayouts.SockaddrRcSize];
        int length = peer.Length;
        int fd = LinuxSocketCalls.Accept4((int)listener.Handle, peer, ref length, LinuxSocketCalls.SOCK_CLOEXEC);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            return errno is LinuxSocketCalls.EAGAIN or LinuxSocketCalls.EINTR ? null : throw Failure(errno, "Accept", "on RFCOMM");
        }

        (BluetoothAddress address, byte channel) = SocketAddressLayouts.ReadLinuxSockaddrRc(peer);
        return new ConnectedSocket(Wrap(fd), new BluetoothEndPoint(address, channel), null);
    }

    /// <summary>
    /// Wraps a connected stream descriptor in a <see cref="Socket"/> that owns it (the same path for RFCOMM and for the
    /// socket pairs the tests put in its place).
    /// </summary>
    internal static Socket Wrap(int fd)
    {
        try
        {
            return new Socket(new SafeSocketHandle(fd, ownsHandle: true));
        }
        catch
        {
            LinuxSocketCalls.Close(fd);
            throw;
        }
    }

    private static void ConnectLinux(int fd, BluetoothAddress device, byte channel, Deadline deadline, string target)
    {
        byte[] address = SocketAddressLayouts.LinuxSockaddrRc(device, channel);
        LinuxSocketCalls.SetNonBlocking(fd, true);
        if (LinuxSocketCalls.Connect(fd, address, address.Length) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != LinuxSocketCalls.EINPROGRESS)
            {
                throw Failure(errno, "Connect", $"to {target}");
            }

            // The handshake (paging the device, then RFCOMM) runs in the kernel; wait for it within the budget.
            while (true)
            {
                var poll = new LinuxSocketCalls.PollFd { Fd = fd, Events = LinuxSocketCalls.POLLOUT };
                int waitMs = deadline.IsInfinite ? -1 : (int)Math.Min(int.MaxValue, Math.Ceiling(deadline.Remaining.TotalMilliseconds));
                int ready = LinuxSocketCalls.Poll(ref poll, 1, waitMs);
                if (ready > 0)
                {
                    break;
                }

                if (ready == 0 || deadline.HasExpired)
                {
                    throw SocketErrors.TimedOut("Connect", $" to {target}: no answer within the time limit. Check that the device is on, in range and paired, or allow a longer timeout");
                }

                int pollErrno = Marshal.GetLastPInvokeError();
                if (pollErrno != LinuxSocketCalls.EINTR)
                {
                    throw Failure(pollErrno, "Connect", $"to {target}");
                }
            }

            int error = 0;
            int size = sizeof(int);
            if (LinuxSocketCalls.GetSockOpt(fd, LinuxSocketCalls.SOL_SOCKET, LinuxSocketCalls.SO_ERROR, ref error, ref size) != 0)
            {
                error = Marshal.GetLastPInvokeError();
            }

            if (error != 0)
            {
                throw Failure(error, "Connect", $"to {target}");
            }
        }

        LinuxSocketCalls.SetNonBlocking(fd, false);
    }

    /// <summary>
    /// Non-blocking connect, then a poll for writability within the budget. (<see cref="Socket.ConnectAsync(System.Net.EndPoint)"/>
    /// is avoided: on Windows it binds an unbound socket to an IP wildcard first, which an AF_BTH socket refuses.)
    /// </summary>
    private static void ConnectWindows(Socket socket, BluetoothEndPoint remote, Deadline deadline, string target)
    {
        try
        {
            socket.Blocking = false;
            try
            {
                socket.Connect(remote);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
            {
                // Windows reports a failed connect as an exception condition, not as writable: watch both, in slices.
                TimeSpan slice = TimeSpan.FromMilliseconds(100);
                while (!socket.Poll(deadline.IsInfinite || deadline.Remaining > slice ? slice : deadline.Remaining, SelectMode.SelectWrite))
                {
                    if (socket.Poll(TimeSpan.Zero, SelectMode.SelectError))
                    {
                        break; // SO_ERROR below says why
                    }

                    if (deadline.HasExpired)
                    {
                        throw SocketErrors.TimedOut("Connect", $" to {target}: no answer within the time limit. Check that the device is on, in range and paired, or allow a longer timeout");
                    }
                }

                int error = (int)(socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error) ?? 0);
                if (error != 0)
                {
                    throw new SocketException(error);
                }
            }

            socket.Blocking = true;
        }
        catch (SocketException ex)
        {
            throw SocketErrors.Map(ex, "Connect", target);
        }
    }

    /// <summary>An errno from a native Bluetooth call as a <see cref="WLSocketException"/> that says what to check.</summary>
    internal static WLSocketException Failure(int errno, string operation, string where)
    {
        SocketError socketError = LinuxSocketCalls.ToSocketError(errno);
        string system = LinuxSocketCalls.Describe(errno);
        (WLSocketError error, string hint) = errno switch
        {
            111 => (WLSocketError.ConnectionRefused, "nothing listens on that channel of the device. Check the channel number"), // ECONNREFUSED
            110 => (WLSocketError.Timeout, "the device did not answer. Check that it is on, in range and paired"), // ETIMEDOUT
            112 or 113 => (WLSocketError.NetworkError, "the device is out of range or switched off"), // EHOSTDOWN, EHOSTUNREACH
            13 or 1 => (WLSocketError.NetworkError, "the system refused: the device may need pairing first (bluetoothctl pair), or this user lacks the permission"), // EACCES, EPERM
            98 => (WLSocketError.AddressInUse, "another program listens on that RFCOMM channel. Choose another channel, or give a service UUID to take the first free one"), // EADDRINUSE
            19 or 99 => (WLSocketError.NetworkError, "no Bluetooth adapter is up on this machine (bluetoothctl power on)"), // ENODEV, EADDRNOTAVAIL
            _ => (WLSocketError.NetworkError, "see the system message"),
        };
        return new WLSocketException(error, $"Bluetooth {operation} {where} failed: {hint} ({system}).") { SocketErrorCode = socketError };
    }

    private static WLSocketException Unavailable(int errno) =>
        errno is LinuxSocketCalls.EAFNOSUPPORT or LinuxSocketCalls.EPROTONOSUPPORT
            ? new WLSocketException(WLSocketError.NotSupported,
                $"Bluetooth sockets are not available here: this kernel ({RuntimeInformation.OSDescription}) has no AF_BLUETOOTH RFCOMM support (Bluetooth not compiled in, or the bluetooth/rfcomm modules not loaded: try 'modprobe rfcomm'; containers usually have none) ({LinuxSocketCalls.Describe(errno)}).")
            { SocketErrorCode = SocketError.AddressFamilyNotSupported }
            : Failure(errno, "socket creation", "(AF_BLUETOOTH)");
}
