using System.Diagnostics.CodeAnalysis;

namespace WLSockets.WLangage;

/// <summary>
/// The WLangage socket functions with their French names, exactly as WinDev spells them. Write
/// <c>using static WLSockets.WLangage.Fonctions;</c> and port WLangage code line by line.
/// </summary>
/// <remarks>
/// <para>Every function behaves as WinDev documents it: failures return the documented failure value (False, "",
/// empty buffer), set <see cref="ErreurDétectée"/> and fill <see cref="ErreurInfo"/>; nothing throws (unless
/// <see cref="WLangageSettings.StrictErrors"/> is on). Socket names are case-sensitive and shared by every thread;
/// the last error is per thread. The English twins are in <see cref="Functions"/>.</para>
/// <para>Blocking calls block only the calling thread, as in WinDev; use them from your own threads (one per channel is
/// the WinDev pattern), or use <see cref="MessageConnection"/> for async code.</para>
/// </remarks>
[SuppressMessage("Naming", "CA1707", Justification = "WinDev names.")]
[SuppressMessage("Style", "IDE1006", Justification = "WinDev names.")]
public static partial class Fonctions
{
    // ---- Transmission modes (SocketChangeModeTransmission) ----

    /// <summary>Length-prefixed mode, the default: ASCII byte count + RC + data (<c>"9\r\nHelloWord"</c>).</summary>
    public const int SocketTailleDébut = (int)TransmissionMode.SizePrefixed;

    /// <summary>End-marker mode (default marker <c>&lt;EOF&gt;</c>); data after the marker is an error (kept for the next read).</summary>
    public const int SocketMarqueurFin = (int)TransmissionMode.EndTag;

    /// <summary>End-marker mode; data after the marker is kept for the next read.</summary>
    public const int SocketMarqueurFinBuffer = (int)TransmissionMode.EndTagBuffer;

    /// <summary>Raw mode: nothing added or removed.</summary>
    public const int SocketSansMarqueurFin = (int)TransmissionMode.NoEndTag;

    // ---- Markers and durations ----

    /// <summary>Carriage return + line feed (0D 0A).</summary>
    public const string RC = "\r\n";

    /// <summary>Carriage return + line feed (0D 0A).</summary>
    public const string CRLF = "\r\n";

    /// <summary>End of transmission (04).</summary>
    public const string EOT = "\u0004";

    /// <summary>Wait without limit.</summary>
    public const int Infini = -1;

    // ---- SocketClientInfo ----

    /// <summary>The client's IP address.</summary>
    public const int SocketAdresse = SocketRuntime.InfoAddress;

    /// <summary>The client's port.</summary>
    public const int SocketPort = SocketRuntime.InfoPort;

    // ---- Socket.Option ----

    /// <summary>Restores the default options (Nagle on, address reuse on).</summary>
    public const int SocketOptionDéfaut = 0;

    /// <summary>Disables Nagle's algorithm (TCP_NODELAY) on sockets created afterwards.</summary>
    public const int SocketNagleOff = WLangageSettings.NagleOff;

    /// <summary>Accepted for compatibility; .NET never resolves IP literals, so connections are already direct.</summary>
    public const int SocketOptimiseConnexionIP = WLangageSettings.OptimiseIpConnection;

    /// <summary>SocketCrée fails when the address and port are still in use instead of reusing them.</summary>
    public const int SocketAdresseUnique = WLangageSettings.UniqueAddress;

    /// <summary>WLangage's <c>Socket</c> variable: <c>Socket.Option = SocketNagleOff;</c>.</summary>
    public static class Socket
    {
        /// <summary>Global socket options, read when a socket is created, connected or accepted.</summary>
        public static int Option
        {
            get => WLangageSettings.SocketOption;
            set => WLangageSettings.SocketOption = value;
        }
    }

    // ---- ErreurInfo ----

    /// <summary>Error code (100031 connection closed, 100032 reset; 19xxxx: WLSockets codes).</summary>
    public const int errCode = ErrorInfoType.Code;

    /// <summary>Full error message (the default).</summary>
    public const int errMessage = ErrorInfoType.Message;

    /// <summary>Operating-system error number, if any.</summary>
    public const int errCodeSystème = ErrorInfoType.SystemCode;

    /// <summary>Operating-system error message, if any.</summary>
    public const int errMessageSystème = ErrorInfoType.SystemMessage;

    /// <summary>Everything known about the error.</summary>
    public const int errComplet = ErrorInfoType.FullDetails;

    /// <summary>Name of the function that failed.</summary>
    public const int errPendant = ErrorInfoType.Function;

    /// <summary>Date and time of the error.</summary>
    public const int errDateHeure = ErrorInfoType.DateTime;

    /// <summary>Short summary of the error.</summary>
    public const int errRésumé = ErrorInfoType.Summary;

    /// <summary>True when the last WLangage call of this thread failed.</summary>
    public static bool ErreurDétectée => SocketRuntime.ErrorOccurred;

    /// <summary>Information about the last error of this thread ("" when none). Read it right after the failing call.</summary>
    public static ErrorInfoValue ErreurInfo(int typeInformation = errMessage) => SocketRuntime.ErrorInfo(typeInformation);

    // ---- Functions ----

    /// <summary>Creates a listening TCP socket (simplified or standard server). <paramref name="adresse"/> empty = every IPv4 interface.</summary>
    public static bool SocketCrée(string nomSocket, int numéroPort, string adresse = "") =>
        SocketRuntime.Create(nameof(SocketCrée), nomSocket, numéroPort, adresse);

    /// <summary>Waits for a connection request (True) without accepting it; False on timeout or when the socket was closed.</summary>
    public static bool SocketAttendConnexion(string nomSocket, int duréeMaximale = Infini) =>
        SocketRuntime.WaitForConnection(nameof(SocketAttendConnexion), nomSocket, SocketRuntime.Milliseconds(duréeMaximale));

    /// <inheritdoc cref="SocketAttendConnexion(string, int)"/>
    public static bool SocketAttendConnexion(string nomSocket, TimeSpan duréeMaximale) =>
        SocketRuntime.WaitForConnection(nameof(SocketAttendConnexion), nomSocket, duréeMaximale);

    /// <summary>Accepts the pending connection and returns the new channel's name ("" when none is pending).</summary>
    public static string SocketAccepte(string nomSocket) => SocketRuntime.Accept(nameof(SocketAccepte), nomSocket);

    /// <summary>Refuses the pending connection requests (each is closed with a reset).</summary>
    public static bool SocketRefuse(string nomSocket) => SocketRuntime.Deny(nameof(SocketRefuse), nomSocket);

    /// <summary>Connects to a server. <paramref name="adresse"/> empty = this machine; <paramref name="délaiMaximal"/> covers name resolution and connection (default 5000 ms).</summary>
    public static bool SocketConnecte(string nomSocket, int numéroPort, string adresse = "", int délaiMaximal = SocketRuntime.DefaultConnectTimeoutMs) =>
        SocketRuntime.Connect(nameof(SocketConnecte), nomSocket, numéroPort, adresse, SocketRuntime.Milliseconds(délaiMaximal));

    /// <inheritdoc cref="SocketConnecte(string, int, string, int)"/>
    public static bool SocketConnecte(string nomSocket, int numéroPort, string adresse, TimeSpan délaiMaximal) =>
        SocketRuntime.Connect(nameof(SocketConnecte), nomSocket, numéroPort, adresse, délaiMaximal);

    /// <summary>Sends a string (encoded with the socket's encoding, Windows-1252 by default), framed by the socket's mode.</summary>
    public static bool SocketEcrit(string nomSocket, string message) => SocketRuntime.Write(nameof(SocketEcrit), nomSocket, message);

    /// <summary>Sends a buffer, framed by the socket's mode.</summary>
    public static bool SocketEcrit(string nomSocket, byte[] message) => SocketRuntime.Write(nameof(SocketEcrit), nomSocket, message);

    /// <summary>Sends what a <see cref="SocketLit(string, bool, int, int, int)"/> returned, byte for byte.</summary>
    public static bool SocketEcrit(string nomSocket, WLData message) => SocketRuntime.Write(nameof(SocketEcrit), nomSocket, message.Bytes);

    /// <summary>
    /// Reads one message (one receive in raw mode). Empty on timeout (no error) and on failure (with error;
    /// 100031 when the peer closed).
    /// </summary>
    /// <param name="nomSocket">The socket.</param>
    /// <param name="attenteIndéfinie">True (default): wait without limit. False: wait at most <paramref name="attenteMaximale"/>.</param>
    /// <param name="attenteMaximale">Milliseconds (default 1000); 0 = only what is already there.</param>
    /// <param name="nombreMaximumOctets">Raw mode only: most bytes returned (default 4096). UDP: ignored, one whole datagram is returned.</param>
    /// <param name="délaiRéception">Milliseconds without any data after which a started read gives up (0 = none); in raw mode, keeps gathering until this much silence.</param>
    public static WLData SocketLit(string nomSocket, bool attenteIndéfinie = true, int attenteMaximale = SocketRuntime.DefaultReadTimeoutMs,
        int nombreMaximumOctets = SocketRuntime.DefaultReadSize, int délaiRéception = 0) =>
        SocketRuntime.Read(nameof(SocketLit), nomSocket, attenteIndéfinie, SocketRuntime.Milliseconds(attenteMaximale), nombreMaximumOctets, TimeSpan.FromMilliseconds(Math.Max(0, délaiRéception)));

    /// <inheritdoc cref="SocketLit(string, bool, int, int, int)"/>
    public static WLData SocketLit(string nomSocket, bool attenteIndéfinie, TimeSpan attenteMaximale, int nombreMaximumOctets = SocketRuntime.DefaultReadSize, TimeSpan délaiRéception = default) =>
        SocketRuntime.Read(nameof(SocketLit), nomSocket, attenteIndéfinie, attenteMaximale, nombreMaximumOctets, délaiRéception);

    /// <summary>Changes how messages are delimited on this socket (on a listener: also for the channels it will accept).</summary>
    public static bool SocketChangeModeTransmission(string nomSocket, int typeTransmission, string option = "<EOF>") =>
        SocketRuntime.ChangeTransmissionMode(nameof(SocketChangeModeTransmission), nomSocket, typeTransmission, option, null);

    /// <summary>Changes the mode with an end marker given as exact bytes.</summary>
    public static bool SocketChangeModeTransmission(string nomSocket, int typeTransmission, byte[] option) =>
        SocketRuntime.ChangeTransmissionMode(nameof(SocketChangeModeTransmission), nomSocket, typeTransmission, null, option);

    /// <summary>The client's address (<see cref="SocketAdresse"/>) or port (<see cref="SocketPort"/>) as text; "" on a problem.</summary>
    public static string SocketClientInfo(string nomSocket, int typeInformation) =>
        SocketRuntime.ClientInfo(nameof(SocketClientInfo), nomSocket, typeInformation);

    /// <summary>True when a socket has this name (until SocketFerme, even if the peer has gone).</summary>
    public static bool SocketExiste(string nomSocket) => SocketRuntime.Exists(nomSocket);

    /// <summary>Closes the socket gracefully and frees its name. Closing a listener leaves its channels open.</summary>
    public static void SocketFerme(string nomSocket) => SocketRuntime.Close(nameof(SocketFerme), nomSocket);
}
