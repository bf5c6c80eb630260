namespace WLSockets.WLangage;

/// <summary>
/// The fax functions ("Envoi d'un fax"), over a HylaFAX server reached by socket (open question X8): the server queues
/// the faxes and drives the modems. PDF, PostScript and TIFF documents are sent as they are.
/// </summary>
public static partial class Fonctions
{
    // ---- FaxEtat constants (values not documented by WinDev: compare with the constants) ----

    /// <summary><c>FaxEtat</c>: the fax was cancelled (killed: FaxSupprime, or "Job aborted by request").</summary>
    public const int FaxEtatAnnulé = SocketRuntime.FaxCanceled;

    /// <summary><c>FaxEtat</c>: the server is calling the number (a modem took the job, no page sent yet).</summary>
    public const int FaxEtatAppel = SocketRuntime.FaxCalling;

    /// <summary><c>FaxEtat</c>: blocked by other calls to the same number; it goes on by itself.</summary>
    public const int FaxEtatBloqué = SocketRuntime.FaxBlocked;

    /// <summary><c>FaxEtat</c>: the call was hung up, or (for the procedure of FaxEnvoie) the connection to the server broke.</summary>
    public const int FaxEtatDéconnecté = SocketRuntime.FaxDisconnected;

    /// <summary><c>FaxEtat</c>: pages are being sent.</summary>
    public const int FaxEtatEnvoi = SocketRuntime.FaxSending;

    /// <summary><c>FaxEtat</c>: the fax was sent.</summary>
    public const int FaxEtatEnvoyé = SocketRuntime.FaxSent;

    /// <summary><c>FaxEtat</c>: the fax failed (the server's status text is in its done queue).</summary>
    public const int FaxEtatErreur = SocketRuntime.FaxError;

    /// <summary><c>FaxEtat</c>: fatal error (not produced by HylaFAX, which reports failures as FaxEtatErreur or a cause).</summary>
    public const int FaxEtatErreurFatale = SocketRuntime.FaxFatalError;

    /// <summary><c>FaxEtat</c>: the number is invalid.</summary>
    public const int FaxEtatFauxNuméro = SocketRuntime.FaxBadNumber;

    /// <summary><c>FaxEtat</c>: Windows fax-service state, not produced by HylaFAX.</summary>
    public const int FaxEtatGestionnaireEnAttente = SocketRuntime.FaxHandlerWaiting;

    /// <summary><c>FaxEtat</c>: Windows fax-service state, not produced by HylaFAX.</summary>
    public const int FaxEtatHorsConnexion = SocketRuntime.FaxOffline;

    /// <summary><c>FaxEtat</c>: the fax is suspended (FaxSuspend): the server leaves it alone.</summary>
    public const int FaxEtatInactif = SocketRuntime.FaxIdle;

    /// <summary><c>FaxEtat</c>: Windows fax-service state, not produced by HylaFAX.</summary>
    public const int FaxEtatIndisponible = SocketRuntime.FaxUnavailable;

    /// <summary><c>FaxEtat</c>: Windows fax-service state, not produced by HylaFAX.</summary>
    public const int FaxEtatInit = SocketRuntime.FaxInitializing;

    /// <summary><c>FaxEtat</c>: the line was busy (the server tries again later).</summary>
    public const int FaxEtatOccupé = SocketRuntime.FaxBusy;

    /// <summary><c>FaxEtat</c>: no dial tone or no carrier.</summary>
    public const int FaxEtatPasDeTonalité = SocketRuntime.FaxNoDialTone;

    /// <summary><c>FaxEtat</c>: a voice or data device answered.</summary>
    public const int FaxEtatPasFax = SocketRuntime.FaxNotFax;

    /// <summary><c>FaxEtat</c>: the fax is queued on the server, waiting for a modem.</summary>
    public const int FaxEtatPrisEnCharge = SocketRuntime.FaxHandled;

    /// <summary><c>FaxEtat</c>: reception state, not produced for sent faxes.</summary>
    public const int FaxEtatRéception = SocketRuntime.FaxReceiving;

    /// <summary><c>FaxEtat</c>: reception state, not produced for sent faxes.</summary>
    public const int FaxEtatRépondu = SocketRuntime.FaxAnswered;

    /// <summary><c>FaxEtat</c>: the fax waits for its send time or for its next attempt.</summary>
    public const int FaxEtatReporté = SocketRuntime.FaxDelayed;

    /// <summary><c>FaxEtat</c>: reception state, not produced for sent faxes.</summary>
    public const int FaxEtatRoutage = SocketRuntime.FaxRouting;

    /// <summary><c>FaxEtat</c>: nobody answered (the server tries again later).</summary>
    public const int FaxEtatSansRéponse = SocketRuntime.FaxNoAnswer;

    /// <summary><c>FaxEtat</c>: reception state, not produced for sent faxes.</summary>
    public const int FaxEtatSonnerie = SocketRuntime.FaxRinging;

    /// <summary>
    /// Connects to a fax server and logs in (as <see cref="WLangageSettings.FaxUser"/>, the system user by default, with
    /// <see cref="WLangageSettings.FaxPassword"/> if the server asks). Returns the connection identifier, 0 on error
    /// (<c>ErreurInfo()</c> says why; <c>ErreurInfo(errMessageSystème)</c> gives the system message when there is one).
    /// </summary>
    /// <param name="nomServeur">The HylaFAX server: "name", "name:port", "192.168.1.5", "[::1]:4559"; default and "" = this machine, port 4559.</param>
    public static int FaxConnecte(string nomServeur = "") => SocketRuntime.FaxConnect(nameof(FaxConnecte), nomServeur);

    /// <summary>
    /// Sends a fax: uploads the file and queues it on the server for the number. Returns true when the server accepted the
    /// job (sending happens later: follow it with <see cref="FaxEtat(int, string)"/> or the procedure).
    /// </summary>
    /// <param name="identifiantConnexion">What <see cref="FaxConnecte"/> returned.</param>
    /// <param name="nomFax">Name of the fax, to use with <c>FaxEtat</c>, <c>FaxRéinitialise</c> ... (also stored on the server as the job's tag).</param>
    /// <param name="fichier">The document: a PDF, PostScript or TIFF file (other types fail with an error: print or export them to PDF first).</param>
    /// <param name="numéro">The fax number to dial.</param>
    /// <param name="fichierCouverture">Optional cover page, sent first: a PDF, PostScript or TIFF file ("" = none; Windows .cov files are not supported).</param>
    /// <param name="procédure">Optional procedure called at each state change with (fax name, <c>FaxEtat...</c> constant), until the
    /// fax is finished or the connection closed; on the thread of the current <see cref="SynchronizationContext"/> or the thread pool.</param>
    public static bool FaxEnvoie(int identifiantConnexion, string nomFax, string fichier, string numéro, string fichierCouverture = "", Action<string, int>? procédure = null) =>
        SocketRuntime.FaxSend(nameof(FaxEnvoie), identifiantConnexion, nomFax, fichier, numéro, fichierCouverture, procédure);

    /// <summary>The state of a fax as a <c>FaxEtat...</c> constant; 0 on error (unknown fax: <c>ErreurInfo</c>).</summary>
    /// <param name="identifiantConnexion">What <see cref="FaxConnecte"/> returned.</param>
    /// <param name="nomOuIdentifiantFax">The name given to <see cref="FaxEnvoie"/>, or the fax identifier listed by <see cref="FaxBoîteEnvoi"/>.</param>
    public static int FaxEtat(int identifiantConnexion, string nomOuIdentifiantFax) => SocketRuntime.FaxStatus(nameof(FaxEtat), identifiantConnexion, nomOuIdentifiantFax);

    /// <inheritdoc cref="FaxEtat(int, string)"/>
    public static int FaxEtat(int identifiantConnexion, int nomOuIdentifiantFax) => FaxEtat(identifiantConnexion, nomOuIdentifiantFax.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The identifiers of the faxes waiting or being sent (the server's send queue), separated by <see cref="RC"/>; "" when none or on error.</summary>
    /// <param name="identifiantConnexion">What <see cref="FaxConnecte"/> returned.</param>
    public static string FaxBoîteEnvoi(int identifiantConnexion) => SocketRuntime.FaxOutbox(nameof(FaxBoîteEnvoi), identifiantConnexion);

    /// <summary>Restarts a fax waiting in the queue (the server takes it again at once). False if e.g. the fax does not exist or is finished.</summary>
    /// <param name="identifiantConnexion">What <see cref="FaxConnecte"/> returned.</param>
    /// <param name="nomOuIdentifiantFax">Fax name or identifier.</param>
    public static bool FaxRéinitialise(int identifiantConnexion, string nomOuIdentifiantFax) => SocketRuntime.FaxRestart(nameof(FaxRéinitialise), identifiantConnexion, nomOuIdentifiantFax);

    /// <inheritdoc cref="FaxRéinitialise(int, string)"/>
    public static bool FaxRéinitialise(int identifiantConnexion, int nomOuIdentifiantFax) => FaxRéinitialise(identifiantConnexion, nomOuIdentifiantFax.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Suspends a queued fax (it stays in the queue, <see cref="FaxEtatInactif"/>) until <see cref="FaxReprend(int, string)"/>.</summary>
    /// <param name="identifiantConnexion">What <see cref="FaxConnecte"/> returned.</param>
    /// <param name="nomOuIdentifiantFax">Fax name or identifier.</param>
    public static bool FaxSuspend(int identifiantConnexion, string nomOuIdentifiantFax) => SocketRuntime.FaxPause(nameof(FaxSuspend), identifiantConnexion, nomOuIdentifiantFax);

    /// <summary>Resumes a fax suspended by <see cref="FaxSuspend(int, string)"/>.</summary>
    /// <param name="identifiantConnexion">What <see cref="FaxConnecte"/> returned.</param>
    /// <param name="nomOuIdentifiantFax">Fax name or identifier.</param>
    public static bool FaxReprend(int identifiantConnexion, string nomOuIdentifiantFax) => SocketRuntime.FaxResume(nameof(FaxReprend), identifiantConnexion, nomOuIdentifiantFax);

    /// <summary>Deletes a queued fax: the server kills the job (<see cref="FaxEtatAnnulé"/> in its done queue).</summary>
    /// <param name="identifiantConnexion">What <see cref="FaxConnecte"/> returned.</param>
    /// <param name="nomOuIdentifiantFax">Fax name or identifier.</param>
    public static bool FaxSupprime(int identifiantConnexion, string nomOuIdentifiantFax) => SocketRuntime.FaxDelete(nameof(FaxSupprime), identifiantConnexion, nomOuIdentifiantFax);

    /// <summary>Closes a fax connection (and stops the procedures of its faxes). The queued faxes stay on the server.</summary>
    /// <param name="identifiantConnexion">What <see cref="FaxConnecte"/> returned.</param>
    public static void FaxDéconnecte(int identifiantConnexion) => SocketRuntime.FaxDisconnect(nameof(FaxDéconnecte), identifiantConnexion);
}
