namespace WLSockets.WLangage;

public static partial class Fonctions
{
    // ---- UDP (SocketCréeUDP and the destination syntax of SocketEcrit) ----

    /// <summary>
    /// Creates a UDP socket bound to <paramref name="numéroPort"/>: the same function for a "client" and a "server",
    /// since UDP has no connection. Write with <see cref="SocketEcrit(string, string, string, int)"/> (one datagram
    /// each), read with <see cref="SocketLit(string, bool, int, int, int)"/> (one whole datagram each), and find
    /// the sender with <see cref="SocketClientInfo"/>.
    /// </summary>
    /// <param name="nomSocket">Name of the socket (case-sensitive).</param>
    /// <param name="numéroPort">Local port, 1 to 65535; 0 = any free port (a WLSockets extension: read it back with
    /// <see cref="WLangageExtensions.SocketLocalPort"/>). The port is shared with other programs that also ask for
    /// address reuse, unless <c>Socket.Option</c> contains <see cref="SocketAdresseUnique"/>.</param>
    /// <param name="adresse">Local address: "" = every IPv4 interface; <c>::</c> = IPv6 and IPv4; an address or host name = that one only.</param>
    public static bool SocketCréeUDP(string nomSocket, int numéroPort, string adresse = "") =>
        SocketRuntime.CreateUdp(nameof(SocketCréeUDP), nomSocket, numéroPort, adresse);

    /// <summary>
    /// UDP: sends the string (encoded with the socket's encoding, Windows-1252 by default) as one datagram to
    /// <paramref name="adresseDestination"/>:<paramref name="numéroPort"/>. The address may be a subnet broadcast
    /// address. False when the message is larger than a datagram can carry (65 507 bytes over IPv4): nothing is sent.
    /// </summary>
    public static bool SocketEcrit(string nomSocket, string message, string adresseDestination, int numéroPort) =>
        SocketRuntime.WriteTo(nameof(SocketEcrit), nomSocket, message, adresseDestination, numéroPort);

    /// <summary>UDP: sends the buffer as one datagram to <paramref name="adresseDestination"/>:<paramref name="numéroPort"/>.</summary>
    public static bool SocketEcrit(string nomSocket, byte[] message, string adresseDestination, int numéroPort) =>
        SocketRuntime.WriteTo(nameof(SocketEcrit), nomSocket, message, adresseDestination, numéroPort);

    /// <summary>UDP: sends what a <see cref="SocketLit(string, bool, int, int, int)"/> returned as one datagram, byte for byte.</summary>
    public static bool SocketEcrit(string nomSocket, WLData message, string adresseDestination, int numéroPort) =>
        SocketRuntime.WriteTo(nameof(SocketEcrit), nomSocket, message.Bytes, adresseDestination, numéroPort);

    /// <summary>UDP: sends one datagram to <paramref name="adresseDestination"/> on the last destination port this socket wrote to (False if none yet).</summary>
    public static bool SocketEcrit(string nomSocket, string message, string adresseDestination) =>
        SocketRuntime.WriteTo(nameof(SocketEcrit), nomSocket, message, adresseDestination, null);

    /// <inheritdoc cref="SocketEcrit(string, string, string)"/>
    public static bool SocketEcrit(string nomSocket, byte[] message, string adresseDestination) =>
        SocketRuntime.WriteTo(nameof(SocketEcrit), nomSocket, message, adresseDestination, null);

    /// <inheritdoc cref="SocketEcrit(string, string, string)"/>
    public static bool SocketEcrit(string nomSocket, WLData message, string adresseDestination) =>
        SocketRuntime.WriteTo(nameof(SocketEcrit), nomSocket, message.Bytes, adresseDestination, null);
}
