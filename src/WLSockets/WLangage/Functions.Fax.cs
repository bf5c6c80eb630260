namespace WLSockets.WLangage;

public static partial class Functions
{
    // ---- Fax (FaxEtat constants keep their French names except FaxStatusHandled: no other English name is documented) ----

    /// <inheritdoc cref="Fonctions.FaxEtatAnnulé"/>
    public const int FaxEtatAnnulé = SocketRuntime.FaxCanceled;

    /// <inheritdoc cref="Fonctions.FaxEtatAppel"/>
    public const int FaxEtatAppel = SocketRuntime.FaxCalling;

    /// <inheritdoc cref="Fonctions.FaxEtatBloqué"/>
    public const int FaxEtatBloqué = SocketRuntime.FaxBlocked;

    /// <inheritdoc cref="Fonctions.FaxEtatDéconnecté"/>
    public const int FaxEtatDéconnecté = SocketRuntime.FaxDisconnected;

    /// <inheritdoc cref="Fonctions.FaxEtatEnvoi"/>
    public const int FaxEtatEnvoi = SocketRuntime.FaxSending;

    /// <inheritdoc cref="Fonctions.FaxEtatEnvoyé"/>
    public const int FaxEtatEnvoyé = SocketRuntime.FaxSent;

    /// <inheritdoc cref="Fonctions.FaxEtatErreur"/>
    public const int FaxEtatErreur = SocketRuntime.FaxError;

    /// <inheritdoc cref="Fonctions.FaxEtatErreurFatale"/>
    public const int FaxEtatErreurFatale = SocketRuntime.FaxFatalError;

    /// <inheritdoc cref="Fonctions.FaxEtatFauxNuméro"/>
    public const int FaxEtatFauxNuméro = SocketRuntime.FaxBadNumber;

    /// <inheritdoc cref="Fonctions.FaxEtatGestionnaireEnAttente"/>
    public const int FaxEtatGestionnaireEnAttente = SocketRuntime.FaxHandlerWaiting;

    /// <inheritdoc cref="Fonctions.FaxEtatHorsConnexion"/>
    public const int FaxEtatHorsConnexion = SocketRuntime.FaxOffline;

    /// <inheritdoc cref="Fonctions.FaxEtatInactif"/>
    public const int FaxEtatInactif = SocketRuntime.FaxIdle;

    /// <inheritdoc cref="Fonctions.FaxEtatIndisponible"/>
    public const int FaxEtatIndisponible = SocketRuntime.FaxUnavailable;

    /// <inheritdoc cref="Fonctions.FaxEtatInit"/>
    public const int FaxEtatInit = SocketRuntime.FaxInitializing;

    /// <inheritdoc cref="Fonctions.FaxEtatOccupé"/>
    public const int FaxEtatOccupé = SocketRuntime.FaxBusy;

    /// <inheritdoc cref="Fonctions.FaxEtatPasDeTonalité"/>
    public const int FaxEtatPasDeTonalité = SocketRuntime.FaxNoDialTone;

    /// <inheritdoc cref="Fonctions.FaxEtatPasFax"/>
    public const int FaxEtatPasFax = SocketRuntime.FaxNotFax;

    /// <inheritdoc cref="Fonctions.FaxEtatPrisEnCharge"/>
    public const int FaxStatusHandled = SocketRuntime.FaxHandled;

    /// <inheritdoc cref="Fonctions.FaxEtatRéception"/>
    public const int FaxEtatRéception = SocketRuntime.FaxReceiving;

    /// <inheritdoc cref="Fonctions.FaxEtatRépondu"/>
    public const int FaxEtatRépondu = SocketRuntime.FaxAnswered;

    /// <inheritdoc cref="Fonctions.FaxEtatReporté"/>
    public const int FaxEtatReporté = SocketRuntime.FaxDelayed;

    /// <inheritdoc cref="Fonctions.FaxEtatRoutage"/>
    public const int FaxEtatRoutage = SocketRuntime.FaxRouting;

    /// <inheritdoc cref="Fonctions.FaxEtatSansRéponse"/>
    public const int FaxEtatSansRéponse = SocketRuntime.FaxNoAnswer;

    /// <inheritdoc cref="Fonctions.FaxEtatSonnerie"/>
    public const int FaxEtatSonnerie = SocketRuntime.FaxRinging;

    /// <inheritdoc cref="Fonctions.FaxConnecte"/>
    public static int FaxConnect(string faxServerName = "") => SocketRuntime.FaxConnect(nameof(FaxConnect), faxServerName);

    /// <inheritdoc cref="Fonctions.FaxEnvoie"/>
    public static bool FaxSend(int connectionIdentifier, string faxName, string faxFile, string faxNumber, string coverPageFile = "", Action<string, int>? procedure = null) =>
        SocketRuntime.FaxSend(nameof(FaxSend), connectionIdentifier, faxName, faxFile, faxNumber, coverPageFile, procedure);

    /// <inheritdoc cref="Fonctions.FaxEtat(int, string)"/>
    public static int FaxStatus(int connectionIdentifier, string faxNameOrIdentifier) => SocketRuntime.FaxStatus(nameof(FaxStatus), connectionIdentifier, faxNameOrIdentifier);

    /// <inheritdoc cref="Fonctions.FaxEtat(int, int)"/>
    public static int FaxStatus(int connectionIdentifier, int faxNameOrIdentifier) => FaxStatus(connectionIdentifier, faxNameOrIdentifier.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <inheritdoc cref="Fonctions.FaxBoîteEnvoi"/>
    public static string FaxOutbox(int connectionIdentifier) => SocketRuntime.FaxOutbox(nameof(FaxOutbox), connectionIdentifier);

    /// <inheritdoc cref="Fonctions.FaxRéinitialise(int, string)"/>
    public static bool FaxRestart(int connectionIdentifier, string faxNameOrIdentifier) => SocketRuntime.FaxRestart(nameof(FaxRestart), connectionIdentifier, faxNameOrIdentifier);

    /// <inheritdoc cref="Fonctions.FaxRéinitialise(int, int)"/>
    public static bool FaxRestart(int connectionIdentifier, int faxNameOrIdentifier) => FaxRestart(connectionIdentifier, faxNameOrIdentifier.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <inheritdoc cref="Fonctions.FaxSuspend"/>
    public static bool FaxPause(int connectionIdentifier, string faxNameOrIdentifier) => SocketRuntime.FaxPause(nameof(FaxPause), connectionIdentifier, faxNameOrIdentifier);

    /// <inheritdoc cref="Fonctions.FaxReprend"/>
    public static bool FaxResume(int connectionIdentifier, string faxNameOrIdentifier) => SocketRuntime.FaxResume(nameof(FaxResume), connectionIdentifier, faxNameOrIdentifier);

    /// <inheritdoc cref="Fonctions.FaxSupprime"/>
    public static bool FaxDelete(int connectionIdentifier, string faxNameOrIdentifier) => SocketRuntime.FaxDelete(nameof(FaxDelete), connectionIdentifier, faxNameOrIdentifier);

    /// <inheritdoc cref="Fonctions.FaxDéconnecte"/>
    public static void FaxDisconnect(int connectionIdentifier) => SocketRuntime.FaxDisconnect(nameof(FaxDisconnect), connectionIdentifier);
}
