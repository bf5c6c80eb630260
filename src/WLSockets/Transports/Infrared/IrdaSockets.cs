using System.Net.Sockets;
using System.Runtime.InteropServices;
using WLSockets.Transports.Bluetooth;

namespace WLSockets.Transports.Infrared;

/// <summary>
/// Infrared (IrDA) stream sockets (open question I1): Windows Sockets <c>AF_IRDA</c> where Windows still has an IrDA
/// stack; everywhere else a <see cref="WLSocketError.NotSupported"/> failure that says why. Never simulated.
/// </summary>
internal static class IrdaSockets
{
    private const int SolIrlmp = 0x00FF;
    private const int IrlmpEnumDevices = 0x0010;
    private const int IrdaProtoSockStream = 1;

    /// <summary>Creates an unconnected IrDA stream socket, or throws <see cref="WLSocketError.NotSupported"/> naming what is missing.</summary>
    public static Socket Create()
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                return new Socket((AddressFamily)SocketAddressLayouts.WindowsAfIrda, SocketType.Stream, (ProtocolType)IrdaProtoSockStream);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressFamilyNotSupported or SocketError.ProtocolNotSupported
                or SocketError.ProtocolFamilyNotSupported or SocketError.SocketNotSupported)
            {
                throw new WLSocketException(WLSocketError.NotSupported,
                    $"Infrared sockets are not available here: Windows has no AF_IRDA socket provider ({ex.SocketErrorCode}). Windows ships the IrDA stack only with an infrared adapter and its driver; Windows 10 1803 and later no longer include it.", ex)
                { SocketErrorCode = ex.SocketErrorCode };
            }
        }

        if (OperatingSystem.IsLinux())
        {
            throw new WLSocketException(WLSocketError.NotSupported,
                $"Infrared sockets are not available on Linux: the kernel's IrDA stack (AF_IRDA) was removed in Linux 4.17, and this system is {RuntimeInformation.OSDescription}. WLSockets implements infrared sockets on Windows (AF_IRDA) only.")
            { SocketErrorCode = SocketError.AddressFamilyNotSupported };
        }

        throw new WLSocketException(WLSocketError.NotSupported,
            $"Infrared sockets are not supported on this platform ({RuntimeInformation.OSDescription}): WLSockets implements them on Windows (AF_IRDA) only.")
        { SocketErrorCode = SocketError.AddressFamilyNotSupported };
    }

    /// <summary>True when this system can create an IrDA socket; otherwise <paramref name="reason"/> says why.</summary>
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

    /// <summary>Binds <paramref name="serviceName"/> (registered in the IAS by Windows) and listens.</summary>
    public static Socket Listen(string serviceName)
    {
        SocketAddressLayouts.ValidateIrdaServiceName(serviceName);
        Socket socket = Create();
        try
        {
            socket.Bind(new IrdaEndPoint(new byte[4], serviceName));
            socket.Listen();
            return socket;
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw SocketErrors.Map(ex, "Listen", $"on infrared service '{serviceName}'");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Connects to <paramref name="serviceName"/> on the first IrDA device in range (WinDev gives no device).</summary>
    public static ConnectedSocket Connect(string serviceName)
    {
        SocketAddressLayouts.ValidateIrdaServiceName(serviceName);
        Socket socket = Create();
        try
        {
            // DEVICELIST (af_irda.h): ULONG numDevice, then IRDA_DEVICE_INFO entries of 29 bytes whose first 4 are the id.
            byte[] list = new byte[4 + (29 * 8)];
            int length = socket.GetRawSocketOption(SolIrlmp, IrlmpEnumDevices, list);
            if (length < 4 + 4 || BitConverter.ToUInt32(list, 0) == 0)
            {
                throw new WLSocketException(WLSocketError.HostNotFound,
                    $"No infrared device in range: point the devices' infrared ports at each other, then retry SocketConnecteInfraRouge to '{serviceName}'.");
            }

            var remote = new IrdaEndPoint(list[4..8], serviceName);
            socket.Connect(remote);
            return new ConnectedSocket(socket, remote, null);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw SocketErrors.Map(ex, "Connect", $"to infrared service '{serviceName}'");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
