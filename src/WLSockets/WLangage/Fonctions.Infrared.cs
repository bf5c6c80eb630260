namespace WLSockets.WLangage;

public static partial class Fonctions
{
    // ---- Infrared IrDA (SocketCréeInfraRouge, SocketConnecteInfraRouge) ----

    /// <summary>
    /// Creates an infrared (IrDA) server socket publishing <paramref name="nomService"/>; then use it as any server.
    /// Works only on Windows with an IrDA stack (AF_IRDA, an infrared adapter and its driver; Windows 10 1803 and
    /// later no longer include it). On Linux (IrDA removed in kernel 4.17) and elsewhere: False, error 190050 saying why.
    /// </summary>
    /// <param name="nomSocket">Name of the server socket (case-sensitive).</param>
    /// <param name="nomService">The IrDA service name clients give (1 to 24 ASCII characters).</param>
    public static bool SocketCréeInfraRouge(string nomSocket, string nomService) =>
        SocketRuntime.CreateInfrared(nameof(SocketCréeInfraRouge), nomSocket, nomService);

    /// <summary>
    /// Connects to the infrared service <paramref name="nomService"/> of the first IrDA device in range. Same
    /// availability as <see cref="SocketCréeInfraRouge"/>. <c>SocketClientInfo</c> gives the device id (8 hexadecimal digits).
    /// </summary>
    /// <param name="nomSocket">Name of the connection (case-sensitive).</param>
    /// <param name="nomService">The IrDA service name (1 to 24 ASCII characters).</param>
    public static bool SocketConnecteInfraRouge(string nomSocket, string nomService) =>
        SocketRuntime.ConnectInfrared(nameof(SocketConnecteInfraRouge), nomSocket, nomService);
}
