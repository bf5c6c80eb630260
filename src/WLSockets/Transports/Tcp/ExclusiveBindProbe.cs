using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace WLSockets.Transports.Tcp;

/// <summary>
/// Tells whether a local address and port could be bound <em>without</em> SO_REUSEADDR (WinDev
/// <c>SocketAdresseUnique</c>). .NET always sets SO_REUSEADDR before binding a TCP socket on Linux, so the check
/// binds a probe socket through libc directly, then releases it.
/// </summary>
internal static partial class ExclusiveBindProbe
{
    private const int EADDRINUSE = 98;

    /// <summary>Throws <see cref="SocketException"/> (AddressAlreadyInUse) when the port is still held, on Linux; elsewhere does nothing.</summary>
    public static void ThrowIfInUse(IPEndPoint endPoint)
    {
        if (!OperatingSystem.IsLinux() || endPoint.Port == 0)
        {
            return;
        }

        using var probe = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        byte[] address = LinuxSockaddr(endPoint);
        if (Bind((int)probe.Handle, address, address.Length) != 0 && Marshal.GetLastPInvokeError() == EADDRINUSE)
        {
            throw new SocketException((int)SocketError.AddressAlreadyInUse);
        }
    }

    /// <summary>struct sockaddr_in / sockaddr_in6 as Linux lays them out.</summary>
    private static byte[] LinuxSockaddr(IPEndPoint endPoint)
    {
        bool v6 = endPoint.AddressFamily == AddressFamily.InterNetworkV6;
        byte[] buffer = new byte[v6 ? 28 : 16];
        BinaryPrimitives.WriteUInt16LittleEndian(buffer, (ushort)(v6 ? 10 : 2)); // AF_INET6 / AF_INET
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), (ushort)endPoint.Port);
        if (v6)
        {
            endPoint.Address.TryWriteBytes(buffer.AsSpan(8, 16), out _);
            BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(24), (uint)endPoint.Address.ScopeId);
        }
        else
        {
            endPoint.Address.TryWriteBytes(buffer.AsSpan(4, 4), out _);
        }

        return buffer;
    }

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    private static partial int Bind(int socket, byte[] address, int length);
}
