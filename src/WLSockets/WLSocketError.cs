namespace WLSockets;

/// <summary>
/// What went wrong, as carried by <see cref="WLSocketException.Error"/>.
/// </summary>
/// <remarks>
/// Each value <em>is</em> the number that the WLangage facades report through
/// <c>ErreurInfo(errCode)</c>. 100031, 100032 and 100121 are WinDev's own codes; the 19xxxx block is
/// WLSockets' own and is not a WinDev number (see docs/errors.md).
/// </remarks>
public enum WLSocketError
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The peer closed the connection (end of stream). WinDev code 100031.</summary>
    ConnectionClosed = 100031,

    /// <summary>The connection was reset or aborted, or the socket was closed locally while in use. WinDev code 100032.</summary>
    ConnectionReset = 100032,

    /// <summary>The socket is busy in another thread (only in the WinDev-compatible locking mode). WinDev code 100121.</summary>
    SocketBusy = 100121,

    /// <summary>No socket is registered under this name.</summary>
    UnknownSocket = 190001,

    /// <summary>A socket is already registered under this name.</summary>
    NameInUse = 190002,

    /// <summary>An argument is out of range or malformed (port, mode constant, information type ...).</summary>
    InvalidArgument = 190003,

    /// <summary>The operation does not apply to this kind of socket (for example accepting on a client connection).</summary>
    InvalidSocketKind = 190004,

    /// <summary>The socket name is empty.</summary>
    EmptyName = 190005,

    /// <summary>The remote host actively refused the connection (nothing listens on that port).</summary>
    ConnectionRefused = 190010,

    /// <summary>The host name could not be resolved.</summary>
    HostNotFound = 190011,

    /// <summary>An operation did not complete within its time limit.</summary>
    Timeout = 190012,

    /// <summary>The local address or port is already in use, or is not an address of this machine.</summary>
    AddressInUse = 190013,

    /// <summary>No connection request is pending on the listening socket.</summary>
    NoPendingConnection = 190014,

    /// <summary>No client is connected to the simplified server (or the socket has no peer).</summary>
    NoClient = 190015,

    /// <summary>Another network failure; <see cref="WLSocketException.SocketErrorCode"/> has the OS error.</summary>
    NetworkError = 190016,

    /// <summary>The TLS handshake failed.</summary>
    TlsHandshakeFailed = 190020,

    /// <summary>No certificate matched what was searched.</summary>
    CertificateNotFound = 190021,

    /// <summary>The peer's certificate was rejected.</summary>
    CertificateRejected = 190022,

    /// <summary>The bytes received do not follow the transmission mode (for example a length header that is not a number).</summary>
    FramingError = 190030,

    /// <summary>A message is larger than the configured maximum; nothing of that size was allocated.</summary>
    MessageTooLarge = 190031,

    /// <summary>Data arrived after the end marker in <see cref="TransmissionMode.EndTag"/> mode (the data is kept for the next read).</summary>
    EndMarkersNotRespected = 190032,

    /// <summary>
    /// The SOCKS5 proxy could not be reached, refused the authentication, or refused or failed the connection to the
    /// destination (the message names the SOCKS reply).
    /// </summary>
    ProxyFailure = 190040,

    /// <summary>The feature is not available on this platform.</summary>
    NotSupported = 190050,

    /// <summary>
    /// The server refused the WebSocket upgrade: an HTTP status other than 101 (wrong path, not a WebSocket endpoint),
    /// a sub-protocol that was not offered, or a connection closed during the upgrade.
    /// </summary>
    WebSocketHandshakeFailed = 190060,

    /// <summary>
    /// A trace relay could not set up a relayed connection: the target did not answer or refused, or the client's TLS
    /// handshake with the relay failed. The client's connection was closed; the relay keeps serving others.
    /// </summary>
    RelayConnectFailed = 190070,

    /// <summary>The fax server refused a command (a 4xx or 5xx reply); the message names the command and quotes the reply.</summary>
    FaxCommandRefused = 190090,

    /// <summary>The fax server refused the login: unknown user, wrong password, or this client's host is not allowed (hosts.hfaxd).</summary>
    FaxLoginRefused = 190091,

    /// <summary>No job with this number (or fax name) is in the fax server's send or done queue.</summary>
    FaxJobNotFound = 190092,

    /// <summary>A document to fax is missing, unreadable, or not a PDF, PostScript or TIFF file.</summary>
    FaxUnsupportedDocument = 190093,

    /// <summary>The fax server sent something that is not a reply of the HylaFAX protocol (or a reply larger than the maximum).</summary>
    FaxProtocolViolation = 190094,

    /// <summary>A document upload or a queue listing failed on the data connection (it could not be opened, or broke mid-transfer).</summary>
    FaxTransferFailed = 190095,

    // Reliability (issue 10): 190100-190109.

    /// <summary>
    /// The process is out of file descriptors: a listener closed a client at once rather than use the last descriptors,
    /// which the runtime needs to keep running. Accepting resumes as soon as connections close.
    /// </summary>
    TooManyOpenFiles = 190100,
}
