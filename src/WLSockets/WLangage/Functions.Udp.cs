namespace WLSockets.WLangage;

public static partial class Functions
{
    // ---- UDP (SocketCreateUDP and the destination syntax of SocketWrite) ----

    /// <inheritdoc cref="Fonctions.SocketCréeUDP"/>
    public static bool SocketCreateUDP(string socketName, int portNumber, string address = "") =>
        SocketRuntime.CreateUdp(nameof(SocketCreateUDP), socketName, portNumber, address);

    /// <inheritdoc cref="Fonctions.SocketEcrit(string, string, string, int)"/>
    public static bool SocketWrite(string socketName, string message, string destinationAddress, int portNumber) =>
        SocketRuntime.WriteTo(nameof(SocketWrite), socketName, message, destinationAddress, portNumber);

    /// <inheritdoc cref="Fonctions.SocketEcrit(string, byte[], string, int)"/>
    public static bool SocketWrite(string socketName, byte[] message, string destinationAddress, int portNumber) =>
        SocketRuntime.WriteTo(nameof(SocketWrite), socketName, message, destinationAddress, portNumber);

    /// <inheritdoc cref="Fonctions.SocketEcrit(string, WLData, string, int)"/>
    public static bool SocketWrite(string socketName, WLData message, string destinationAddress, int portNumber) =>
        SocketRuntime.WriteTo(nameof(SocketWrite), socketName, message.Bytes, destinationAddress, portNumber);

    /// <inheritdoc cref="Fonctions.SocketEcrit(string, string, string)"/>
    public static bool SocketWrite(string socketName, string message, string destinationAddress) =>
        SocketRuntime.WriteTo(nameof(SocketWrite), socketName, message, destinationAddress, null);

    /// <inheritdoc cref="Fonctions.SocketEcrit(string, byte[], string)"/>
    public static bool SocketWrite(string socketName, byte[] message, string destinationAddress) =>
        SocketRuntime.WriteTo(nameof(SocketWrite), socketName, message, destinationAddress, null);

    /// <inheritdoc cref="Fonctions.SocketEcrit(string, WLData, string)"/>
    public static bool SocketWrite(string socketName, WLData message, string destinationAddress) =>
        SocketRuntime.WriteTo(nameof(SocketWrite), socketName, message.Bytes, destinationAddress, null);
}
