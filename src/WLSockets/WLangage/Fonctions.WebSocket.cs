namespace WLSockets.WLangage;

/// <summary>WebSocket clients: <c>WebSocketClientConnecte</c>, <c>WebSocketClientConnecteSSL</c> and the callback events.</summary>
public static partial class Fonctions
{
    // ---- Events of the callback procedure (values not documented by WinDev; they never reach the wire) ----

    /// <summary>Callback event: the WebSocket is connected; messages may be sent. <c>&lt;Message&gt;</c> is "".</summary>
    public const int SocketOuverture = SocketRuntime.EventOpening;

    /// <summary>Callback event: a message arrived; <c>&lt;Message&gt;</c> is its text (UTF-8).</summary>
    public const int SocketMessage = SocketRuntime.EventMessage;

    /// <summary>Callback event: the WebSocket is closed; <c>&lt;Message&gt;</c> is the close status ("1000" normal, "1005" none given, "1006" lost ...).</summary>
    public const int SocketFermeture = SocketRuntime.EventClosing;

    /// <summary>Callback event: connecting or talking to the server failed; <c>&lt;Message&gt;</c> is the error message (also in <c>ErreurInfo</c>).</summary>
    public const int SocketErreur = SocketRuntime.EventError;

    /// <summary>
    /// Opens a WebSocket (<c>ws://</c>) to a server and waits for it (synchronous syntax). Then <c>SocketEcrit</c> sends one
    /// message (a string as a text frame, a buffer as a binary frame), <c>SocketLit</c> returns one whole message,
    /// <c>SocketFerme</c> closes with the closing handshake. Goes through the <see cref="SocketProxy"/> proxy when one is set.
    /// </summary>
    /// <param name="nomSocket">Name of the connection (case-sensitive).</param>
    /// <param name="adresseServeur">Name or IP address of the server, without scheme ("monserveur.com", "192.168.100.1").</param>
    /// <param name="numéroPort">Server port (default 80).</param>
    /// <param name="chemin">Path of the server's virtual directory (default and "" = "/"; a missing leading "/" is added).</param>
    /// <param name="protocoles">Sub-protocols the server must support, comma-separated ("mqtt,soap"); default none.</param>
    /// <param name="délaiMaximal">Milliseconds for connection and upgrade together (default 5000).</param>
    public static bool WebSocketClientConnecte(string nomSocket, string adresseServeur, int numéroPort = SocketRuntime.DefaultWebSocketPort, string chemin = "/",
        string protocoles = "", int délaiMaximal = SocketRuntime.DefaultConnectTimeoutMs) =>
        SocketRuntime.WebSocketConnect(nameof(WebSocketClientConnecte), nomSocket, adresseServeur, numéroPort, chemin, protocoles, SocketRuntime.Milliseconds(délaiMaximal), null);

    /// <inheritdoc cref="WebSocketClientConnecte(string, string, int, string, string, int)"/>
    public static bool WebSocketClientConnecte(string nomSocket, string adresseServeur, int numéroPort, string chemin, string protocoles, TimeSpan délaiMaximal) =>
        SocketRuntime.WebSocketConnect(nameof(WebSocketClientConnecte), nomSocket, adresseServeur, numéroPort, chemin, protocoles, délaiMaximal, null);

    /// <summary>
    /// Opens a WebSocket (<c>ws://</c>) in the background (asynchronous syntax) and returns at once. The procedure is
    /// called with (<see cref="SocketOuverture"/>, ""), then (<see cref="SocketMessage"/>, text) for each message, then
    /// once with (<see cref="SocketFermeture"/>, close status) or (<see cref="SocketErreur"/>, error message), on the
    /// thread of the current <see cref="SynchronizationContext"/> (the UI thread) or on the thread pool. <c>SocketEcrit</c>
    /// works from <see cref="SocketOuverture"/> on; <c>SocketLit</c> does not apply (the messages go to the procedure).
    /// </summary>
    /// <param name="nomSocket">Name of the connection (case-sensitive); taken while connecting, freed if the connect fails.</param>
    /// <param name="procédure">The procedure called for each event: (event, message).</param>
    /// <param name="adresseServeur">Name or IP address of the server, without scheme.</param>
    /// <param name="port">Server port (default 80: WinDev's page says 443, a copy from the SSL page, open question W8).</param>
    /// <param name="chemin">Path of the server's virtual directory (default "/").</param>
    /// <param name="protocoles">Comma-separated sub-protocols; default none.</param>
    public static void WebSocketClientConnecte(string nomSocket, Action<int, string> procédure, string adresseServeur, int port = SocketRuntime.DefaultWebSocketPort,
        string chemin = "/", string protocoles = "") =>
        SocketRuntime.WebSocketConnectAsync(nameof(WebSocketClientConnecte), nomSocket, procédure, adresseServeur, port, chemin, protocoles, null);

    /// <summary>
    /// Opens a secure WebSocket (<c>wss://</c>) and waits for it (synchronous syntax); then as
    /// <see cref="WebSocketClientConnecte(string, string, int, string, string, int)"/>. The server's certificate must be
    /// valid and issued for <paramref name="adresseServeur"/> (see <see cref="WLangageSettings.AcceptInvalidCertificates"/>
    /// and <see cref="WLangageSettings.CertificateValidation"/>).
    /// </summary>
    /// <param name="nomSocket">Name of the connection (case-sensitive).</param>
    /// <param name="adresseServeur">Name or IP address of the server, without scheme (also the name checked in its certificate).</param>
    /// <param name="numéroPort">Server port (default 443).</param>
    /// <param name="chemin">Path of the server's virtual directory (default "/").</param>
    /// <param name="protocoles">Comma-separated sub-protocols; default none.</param>
    /// <param name="optionSSL">TLS versions, combined with + (default TLS 1.0 + 1.1 + 1.2; versions this system refuses are dropped while one remains).</param>
    /// <param name="attenteMaximale">Milliseconds for connection, TLS handshake and upgrade together. Default 5000 (WinDev
    /// documents 10 ms, which no handshake fits in: open question T2).</param>
    public static bool WebSocketClientConnecteSSL(string nomSocket, string adresseServeur, int numéroPort = SocketRuntime.DefaultSecureWebSocketPort, string chemin = "/",
        string protocoles = "", int optionSSL = TlsOptionFlags.DefaultClient, int attenteMaximale = SocketRuntime.DefaultConnectTimeoutMs) =>
        SocketRuntime.WebSocketConnect(nameof(WebSocketClientConnecteSSL), nomSocket, adresseServeur, numéroPort, chemin, protocoles, SocketRuntime.Milliseconds(attenteMaximale), optionSSL);

    /// <inheritdoc cref="WebSocketClientConnecteSSL(string, string, int, string, string, int, int)"/>
    public static bool WebSocketClientConnecteSSL(string nomSocket, string adresseServeur, int numéroPort, string chemin, string protocoles, int optionSSL, TimeSpan attenteMaximale) =>
        SocketRuntime.WebSocketConnect(nameof(WebSocketClientConnecteSSL), nomSocket, adresseServeur, numéroPort, chemin, protocoles, attenteMaximale, optionSSL);

    /// <summary>
    /// Opens a secure WebSocket (<c>wss://</c>) in the background (asynchronous syntax): the events of
    /// <see cref="WebSocketClientConnecte(string, Action{int, string}, string, int, string, string)"/>;
    /// <see cref="SocketErreur"/> carries the error message.
    /// </summary>
    /// <param name="nomSocket">Name of the connection (case-sensitive).</param>
    /// <param name="procédure">The procedure called for each event: (event, message).</param>
    /// <param name="adresseServeur">Name or IP address of the server, without scheme.</param>
    /// <param name="port">Server port (default 443).</param>
    /// <param name="chemin">Path of the server's virtual directory (default "/").</param>
    /// <param name="protocoles">Comma-separated sub-protocols; default none.</param>
    /// <param name="optionSSL">TLS versions, combined with + (default TLS 1.0 + 1.1 + 1.2).</param>
    public static void WebSocketClientConnecteSSL(string nomSocket, Action<int, string> procédure, string adresseServeur, int port = SocketRuntime.DefaultSecureWebSocketPort,
        string chemin = "/", string protocoles = "", int optionSSL = TlsOptionFlags.DefaultClient) =>
        SocketRuntime.WebSocketConnectAsync(nameof(WebSocketClientConnecteSSL), nomSocket, procédure, adresseServeur, port, chemin, protocoles, optionSSL);
}
