using System.Net.Sockets;

namespace WLSockets.Transports;

/// <summary>Small socket operations shared by the TCP, TLS and UDP transports.</summary>
internal static class SocketTweaks
{
    /// <summary>Sends end of stream after the bytes already sent; nothing to do when the socket is already reset or closed.</summary>
    public static void TryShutdownSend(this Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already reset or closed: there is nothing left to flush.
        }
    }

    /// <summary>
    /// Linux: sets SO_REUSEADDR alone. .NET's <see cref="SocketOptionName.ReuseAddress"/> also sets SO_REUSEPORT
    /// there, which changes how the kernel shares a port (see the callers for what each transport needs).
    /// </summary>
    public static void SetLinuxReuseAddressOnly(this Socket socket) =>
        socket.SetRawSocketOption(1 /* SOL_SOCKET */, 2 /* SO_REUSEADDR */, BitConverter.GetBytes(1));
}
