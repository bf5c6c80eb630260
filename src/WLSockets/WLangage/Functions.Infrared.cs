namespace WLSockets.WLangage;

public static partial class Functions
{
    // ---- Infrared IrDA (SocketCreateInfrared, SocketConnectInfrared) ----

    /// <inheritdoc cref="Fonctions.SocketCréeInfraRouge"/>
    public static bool SocketCreateInfrared(string socketName, string serviceName) =>
        SocketRuntime.CreateInfrared(nameof(SocketCreateInfrared), socketName, serviceName);

    /// <inheritdoc cref="Fonctions.SocketConnecteInfraRouge"/>
    public static bool SocketConnectInfrared(string socketName, string serviceName) =>
        SocketRuntime.ConnectInfrared(nameof(SocketConnectInfrared), socketName, serviceName);
}
