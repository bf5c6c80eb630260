using System.Diagnostics.CodeAnalysis;

namespace WLSockets.WLangage;

/// <summary>
/// The WLangage socket functions with their English names, as WinDev's English edition spells them. Write
/// <c>using static WLSockets.WLangage.Functions;</c>. Same behaviour as <see cref="Fonctions"/>, member for member.
/// </summary>
/// <remarks>
/// Where WinDev's English name of a constant is not confirmed (<c>SocketTailleDébut</c>, the <c>Socket.Option</c>
/// constants, some <c>err...</c> constants), the French name is kept rather than inventing one (open question G12).
/// </remarks>
[SuppressMessage("Naming", "CA1707", Justification = "WinDev names.")]
[SuppressMessage("Style", "IDE1006", Justification = "WinDev names.")]
public static partial class Functions
{
    // ---- Transmission modes (SocketChangeTransmissionMode) ----

    /// <summary>Length-prefixed mode, the default (French name kept: the English one is not confirmed).</summary>
    public const int SocketTailleDébut = Fonctions.SocketTailleDébut;

    /// <summary>End-marker mode (default marker <c>&lt;EOF&gt;</c>).</summary>
    public const int SocketEndTag = Fonctions.SocketMarqueurFin;

    /// <summary>End-marker mode; data after the marker is kept for the next read.</summary>
    public const int SocketEndTagBuffer = Fonctions.SocketMarqueurFinBuffer;

    /// <summary>Raw mode: nothing added or removed.</summary>
    public const int SocketNoEndTag = Fonctions.SocketSansMarqueurFin;

    // ---- Markers and durations ----

    /// <summary>Carriage return + line feed (0D 0A).</summary>
    public const string CR = Fonctions.RC;

    /// <summary>Carriage return + line feed (0D 0A).</summary>
    public const string CRLF = Fonctions.CRLF;

    /// <summary>End of transmission (04).</summary>
    public const string EOT = Fonctions.EOT;

    /// <summary>Wait without limit.</summary>
    public const int Infinite = Fonctions.Infini;

    // ---- SocketClientInfo ----

    /// <summary>The client's IP address.</summary>
    public const int SocketAddress = Fonctions.SocketAdresse;

    /// <summary>The client's port.</summary>
    public const int SocketPort = Fonctions.SocketPort;

    // ---- Socket.Option (French names kept: the English ones are not confirmed) ----

    /// <inheritdoc cref="Fonctions.SocketOptionDéfaut"/>
    public const int SocketOptionDéfaut = Fonctions.SocketOptionDéfaut;

    /// <inheritdoc cref="Fonctions.SocketNagleOff"/>
    public const int SocketNagleOff = Fonctions.SocketNagleOff;

    /// <inheritdoc cref="Fonctions.SocketOptimiseConnexionIP"/>
    public const int SocketOptimiseConnexionIP = Fonctions.SocketOptimiseConnexionIP;

    /// <inheritdoc cref="Fonctions.SocketAdresseUnique"/>
    public const int SocketAdresseUnique = Fonctions.SocketAdresseUnique;

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

    // ---- ErrorInfo ----

    /// <inheritdoc cref="Fonctions.errCode"/>
    public const int errCode = Fonctions.errCode;

    /// <inheritdoc cref="Fonctions.errMessage"/>
    public const int errMessage = Fonctions.errMessage;

    /// <inheritdoc cref="Fonctions.errCodeSystème"/>
    public const int errSystemCode = Fonctions.errCodeSystème;

    /// <inheritdoc cref="Fonctions.errMessageSystème"/>
    public const int errSystemMessage = Fonctions.errMessageSystème;

    /// <inheritdoc cref="Fonctions.errComplet"/>
    public const int errFullDetails = Fonctions.errComplet;

    /// <inheritdoc cref="Fonctions.errPendant"/>
    public const int errPendant = Fonctions.errPendant;

    /// <inheritdoc cref="Fonctions.errDateHeure"/>
    public const int errDateHeure = Fonctions.errDateHeure;

    /// <inheritdoc cref="Fonctions.errRésumé"/>
    public const int errRésumé = Fonctions.errRésumé;

    /// <inheritdoc cref="Fonctions.ErreurDétectée"/>
    public static bool ErrorOccurred => SocketRuntime.ErrorOccurred;

    /// <inheritdoc cref="Fonctions.ErreurInfo"/>
    public static ErrorInfoValue ErrorInfo(int informationType = errMessage) => SocketRuntime.ErrorInfo(informationType);

    // ---- Functions ----

    /// <inheritdoc cref="Fonctions.SocketCrée"/>
    public static bool SocketCreate(string socketName, int portNumber, string address = "") =>
        SocketRuntime.Create(nameof(SocketCreate), socketName, portNumber, address);

    /// <inheritdoc cref="Fonctions.SocketAttendConnexion(string, int)"/>
    public static bool SocketWaitForConnection(string socketName, int maximumDuration = Infinite) =>
        SocketRuntime.WaitForConnection(nameof(SocketWaitForConnection), socketName, SocketRuntime.Milliseconds(maximumDuration));

    /// <inheritdoc cref="Fonctions.SocketAttendConnexion(string, int)"/>
    public static bool SocketWaitForConnection(string socketName, TimeSpan maximumDuration) =>
        SocketRuntime.WaitForConnection(nameof(SocketWaitForConnection), socketName, maximumDuration);

    /// <inheritdoc cref="Fonctions.SocketAccepte"/>
    public static string SocketAccept(string socketName) => SocketRuntime.Accept(nameof(SocketAccept), socketName);

    /// <inheritdoc cref="Fonctions.SocketRefuse"/>
    public static bool SocketDeny(string socketName) => SocketRuntime.Deny(nameof(SocketDeny), socketName);

    /// <inheritdoc cref="Fonctions.SocketConnecte(string, int, string, int)"/>
    public static bool SocketConnect(string socketName, int portNumber, string address = "", int maximumTimeout = SocketRuntime.DefaultConnectTimeoutMs) =>
        SocketRuntime.Connect(nameof(SocketConnect), socketName, portNumber, address, SocketRuntime.Milliseconds(maximumTimeout));

    /// <inheritdoc cref="Fonctions.SocketConnecte(string, int, string, int)"/>
    public static bool SocketConnect(string socketName, int portNumber, string address, TimeSpan maximumTimeout) =>
        SocketRuntime.Connect(nameof(SocketConnect), socketName, portNumber, address, maximumTimeout);

    /// <inheritdoc cref="Fonctions.SocketEcrit(string, string)"/>
    public static bool SocketWrite(string socketName, string message) => SocketRuntime.Write(nameof(SocketWrite), socketName, message);

    /// <inheritdoc cref="Fonctions.SocketEcrit(string, byte[])"/>
    public static bool SocketWrite(string socketName, byte[] message) => SocketRuntime.Write(nameof(SocketWrite), socketName, message);

    /// <inheritdoc cref="Fonctions.SocketEcrit(string, WLData)"/>
    public static bool SocketWrite(string socketName, WLData message) => SocketRuntime.Write(nameof(SocketWrite), socketName, message.Bytes);

    /// <inheritdoc cref="Fonctions.SocketLit(string, bool, int, int, int)"/>
    public static WLData SocketRead(string socketName, bool undefinedWait = true, int maximumTimeout = SocketRuntime.DefaultReadTimeoutMs,
        int maximumNumberOfBytes = SocketRuntime.DefaultReadSize, int incomingDataDelay = 0) =>
        SocketRuntime.Read(nameof(SocketRead), socketName, undefinedWait, SocketRuntime.Milliseconds(maximumTimeout), maximumNumberOfBytes, TimeSpan.FromMilliseconds(Math.Max(0, incomingDataDelay)));

    /// <inheritdoc cref="Fonctions.SocketLit(string, bool, TimeSpan, int, TimeSpan)"/>
    public static WLData SocketRead(string socketName, bool undefinedWait, TimeSpan maximumTimeout, int maximumNumberOfBytes = SocketRuntime.DefaultReadSize, TimeSpan incomingDataDelay = default) =>
        SocketRuntime.Read(nameof(SocketRead), socketName, undefinedWait, maximumTimeout, maximumNumberOfBytes, incomingDataDelay);

    /// <inheritdoc cref="Fonctions.SocketChangeModeTransmission(string, int, string)"/>
    public static bool SocketChangeTransmissionMode(string socketName, int transmissionType, string option = "<EOF>") =>
        SocketRuntime.ChangeTransmissionMode(nameof(SocketChangeTransmissionMode), socketName, transmissionType, option, null);

    /// <inheritdoc cref="Fonctions.SocketChangeModeTransmission(string, int, byte[])"/>
    public static bool SocketChangeTransmissionMode(string socketName, int transmissionType, byte[] option) =>
        SocketRuntime.ChangeTransmissionMode(nameof(SocketChangeTransmissionMode), socketName, transmissionType, null, option);

    /// <inheritdoc cref="Fonctions.SocketClientInfo"/>
    public static string SocketClientInfo(string socketName, int informationType) =>
        SocketRuntime.ClientInfo(nameof(SocketClientInfo), socketName, informationType);

    /// <inheritdoc cref="Fonctions.SocketExiste"/>
    public static bool SocketExist(string socketName) => SocketRuntime.Exists(socketName);

    /// <inheritdoc cref="Fonctions.SocketFerme"/>
    public static void SocketClose(string socketName) => SocketRuntime.Close(nameof(SocketClose), socketName);
}
