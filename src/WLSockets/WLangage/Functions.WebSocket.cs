namespace WLSockets.WLangage;

/// <summary>WebSocket clients: <c>WebSocketClientConnect</c>, <c>WebSocketClientConnectSSL</c> and the callback events.</summary>
public static partial class Functions
{
    /// <inheritdoc cref="Fonctions.SocketOuverture"/>
    public const int SocketOpening = Fonctions.SocketOuverture;

    /// <inheritdoc cref="Fonctions.SocketMessage"/>
    public const int SocketMessage = Fonctions.SocketMessage;

    /// <inheritdoc cref="Fonctions.SocketFermeture"/>
    public const int SocketClosing = Fonctions.SocketFermeture;

    /// <inheritdoc cref="Fonctions.SocketErreur"/>
    public const int SocketError = Fonctions.SocketErreur;

    /// <inheritdoc cref="Fonctions.WebSocketClientConnecte(string, string, int, string, string, int)"/>
    public static bool WebSocketClientConnect(string socketName, string serverAddress, int portNumber = SocketRuntime.DefaultWebSocketPort, string path = "/",
        string protocols = "", int maximumTimeout = SocketRuntime.DefaultConnectTimeoutMs) =>
        SocketRuntime.WebSocketConnect(nameof(WebSocketClientConnect), socketName, serverAddress, portNumber, path, protocols, SocketRuntime.Milliseconds(maximumTimeout), null);

    /// <inheritdoc cref="Fonctions.WebSocketClientConnecte(string, string, int, string, string, TimeSpan)"/>
    public static bool WebSocketClientConnect(string socketName, string serverAddress, int portNumber, string path, string protocols, TimeSpan maximumTimeout) =>
        SocketRuntime.WebSocketConnect(nameof(WebSocketClientConnect), socketName, serverAddress, portNumber, path, protocols, maximumTimeout, null);

    /// <inheritdoc cref="Fonctions.WebSocketClientConnecte(string, Action{int, string}, string, int, string, string)"/>
    public static void WebSocketClientConnect(string socketName, Action<int, string> procedure, string serverAddress, int port = SocketRuntime.DefaultWebSocketPort,
        string path = "/", string protocols = "") =>
        SocketRuntime.WebSocketConnectAsync(nameof(WebSocketClientConnect), socketName, procedure, serverAddress, port, path, protocols, null);

    /// <inheritdoc cref="Fonctions.WebSocketClientConnecteSSL(string, string, int, string, string, int, int)"/>
    public static bool WebSocketClientConnectSSL(string socketName, string serverAddress, int portNumber = SocketRuntime.DefaultSecureWebSocketPort, string path = "/",
        string protocols = "", int sslOption = TlsOptionFlags.DefaultClient, int maximumTimeout = SocketRuntime.DefaultConnectTimeoutMs) =>
        SocketRuntime.WebSocketConnect(nameof(WebSocketClientConnectSSL), socketName, serverAddress, portNumber, path, protocols, SocketRuntime.Milliseconds(maximumTimeout), sslOption);

    /// <inheritdoc cref="Fonctions.WebSocketClientConnecteSSL(string, string, int, string, string, int, TimeSpan)"/>
    public static bool WebSocketClientConnectSSL(string socketName, string serverAddress, int portNumber, string path, string protocols, int sslOption, TimeSpan maximumTimeout) =>
        SocketRuntime.WebSocketConnect(nameof(WebSocketClientConnectSSL), socketName, serverAddress, portNumber, path, protocols, maximumTimeout, sslOption);

    /// <inheritdoc cref="Fonctions.WebSocketClientConnecteSSL(string, Action{int, string}, string, int, string, string, int)"/>
    public static void WebSocketClientConnectSSL(string socketName, Action<int, string> procedure, string serverAddress, int port = SocketRuntime.DefaultSecureWebSocketPort,
        string path = "/", string protocols = "", int sslOption = TlsOptionFlags.DefaultClient) =>
        SocketRuntime.WebSocketConnectAsync(nameof(WebSocketClientConnectSSL), socketName, procedure, serverAddress, port, path, protocols, sslOption);
}
