using System.Collections.Concurrent;
using System.Globalization;
using WLSockets.Fax;

namespace WLSockets.WLangage;

/// <summary>
/// The fax functions (<c>FaxConnecte</c> ... <c>FaxDéconnecte</c>) over a HylaFAX server (open question X8): connection
/// ids, fax names, the mapping of HylaFAX job states to the <c>FaxEtat...</c> constants, and the state watchers.
/// </summary>
internal static partial class SocketRuntime
{
    // FaxEtat constants: WinDev does not document their values; compare with the constants, never with numbers.
    public const int FaxCanceled = 1;       // FaxEtatAnnulé
    public const int FaxCalling = 2;        // FaxEtatAppel
    public const int FaxBlocked = 3;        // FaxEtatBloqué
    public const int FaxDisconnected = 4;   // FaxEtatDéconnecté
    public const int FaxSending = 5;        // FaxEtatEnvoi
    public const int FaxSent = 6;           // FaxEtatEnvoyé
    public const int FaxError = 7;          // FaxEtatErreur
    public const int FaxFatalError = 8;     // FaxEtatErreurFatale
    public const int FaxBadNumber = 9;      // FaxEtatFauxNuméro
    public const int FaxHandlerWaiting = 10; // FaxEtatGestionnaireEnAttente
    public const int FaxOffline = 11;       // FaxEtatHorsConnexion
    public const int FaxIdle = 12;          // FaxEtatInactif
    public const int FaxUnavailable = 13;   // FaxEtatIndisponible
    public const int FaxInitializing = 14;  // FaxEtatInit
    public const int FaxBusy = 15;          // FaxEtatOccupé
    public const int FaxNoDialTone = 16;    // FaxEtatPasDeTonalité
    public const int FaxNotFax = 17;        // FaxEtatPasFax
    public const int FaxHandled = 18;       // FaxEtatPrisEnCharge
    public const int FaxReceiving = 19;     // FaxEtatRéception
    public const int FaxAnswered = 20;      // FaxEtatRépondu
    public const int FaxDelayed = 21;       // FaxEtatReporté
    public const int FaxRouting = 22;       // FaxEtatRoutage
    public const int FaxNoAnswer = 23;      // FaxEtatSansRéponse
    public const int FaxRinging = 24;       // FaxEtatSonnerie

    private static readonly ConcurrentDictionary<int, FaxSession> s_faxSessions = new();
    private static int s_lastFaxId;

    public static int FaxConnect(string fn, string server) => Run(fn, 0, () =>
    {
        string text = string.IsNullOrWhiteSpace(server) ? "localhost" : server; // WinDev: the local machine by default
        if (!FaxClient.TryParseServer(text, out string host, out int port))
        {
            throw new WLSocketException(WLSocketError.InvalidArgument,
                $"Invalid fax server '{server}': give its name or IP address, optionally with a port (\"faxserver\", \"192.168.1.5:4559\"; HylaFAX's port 4559 by default).");
        }

        var options = new FaxClientOptions { Password = WLangageSettings.FaxPassword };
        if (WLangageSettings.FaxUser is { Length: > 0 } user)
        {
            options.User = user;
        }

        FaxClient client = FaxClient.ConnectAsync(host, port, options).GetAwaiter().GetResult();
        int id = Interlocked.Increment(ref s_lastFaxId);
        s_faxSessions[id] = new FaxSession(id, client);
        return id;
    });

    public static bool FaxSend(string fn, int connection, string faxName, string file, string number, string coverFile, Action<string, int>? procedure) => Run(fn, false, () =>
    {
        FaxSession session = FaxSessionOf(connection);
        string name = faxName ?? "";
        var request = new FaxSendRequest(number ?? "", file ?? "")
        {
            CoverDocument = string.IsNullOrEmpty(coverFile) ? null : coverFile,
            Tag = name.Length == 0 ? null : name,
        };
        int jobId = session.Client.SubmitAsync(request).GetAwaiter().GetResult();
        if (name.Length > 0)
        {
            session.Remember(name, jobId);
        }

        if (procedure is not null)
        {
            string shown = name.Length > 0 ? name : jobId.ToString(CultureInfo.InvariantCulture);
            SynchronizationContext? context = SynchronizationContext.Current;
            _ = Task.Run(() => WatchFaxAsync(session, shown, jobId, procedure, context));
        }

        return true;
    });

    public static int FaxStatus(string fn, int connection, string faxNameOrId) => Run(fn, 0, () =>
    {
        FaxSession session = FaxSessionOf(connection);
        return FaxStateOf(session.Client.GetJobAsync(ResolveFax(session, faxNameOrId)).GetAwaiter().GetResult());
    });

    public static string FaxOutbox(string fn, int connection) => Run(fn, "", () =>
    {
        FaxSession session = FaxSessionOf(connection);
        IReadOnlyList<FaxJob> jobs = session.Client.ListSendQueueAsync().GetAwaiter().GetResult();
        return string.Join(Fonctions.RC, jobs.Select(j => j.Id.ToString(CultureInfo.InvariantCulture)));
    });

    public static bool FaxRestart(string fn, int connection, string faxNameOrId) =>
        FaxJobCommand(fn, connection, faxNameOrId, static (c, id) => c.RestartAsync(id));

    public static bool FaxPause(string fn, int connection, string faxNameOrId) =>
        FaxJobCommand(fn, connection, faxNameOrId, static (c, id) => c.SuspendAsync(id));

    public static bool FaxResume(string fn, int connection, string faxNameOrId) =>
        FaxJobCommand(fn, connection, faxNameOrId, static (c, id) => c.ResumeAsync(id));

    public static bool FaxDelete(string fn, int connection, string faxNameOrId) =>
        FaxJobCommand(fn, connection, faxNameOrId, static (c, id) => c.KillAsync(id));

    public static void FaxDisconnect(string fn, int connection) => Run(fn, false, () =>
    {
        if (!s_faxSessions.TryRemove(connection, out FaxSession? session))
        {
            throw UnknownFaxConnection(connection);
        }

        session.Dispose();
        return true;
    });

    /// <summary>The <c>FaxEtat...</c> constant of a HylaFAX job (table in docs/decisions.md, "Fax").</summary>
    internal static int FaxStateOf(FaxJob job) => job.State switch
    {
        FaxJobState.Waiting => FaxHandled,
        FaxJobState.Blocked => FaxBlocked,
        FaxJobState.Pending => FaxDelayed,
        FaxJobState.Suspended => FaxIdle,
        FaxJobState.Running => job.PagesSent > 0 ? FaxSending : FaxCalling,
        FaxJobState.Sleeping => FaxStateFromStatus(job.Status) ?? FaxDelayed,
        FaxJobState.Done => FaxSent,
        FaxJobState.Failed => job.Status.Contains("aborted by request", StringComparison.OrdinalIgnoreCase) ? FaxCanceled : FaxStateFromStatus(job.Status) ?? FaxError,
        _ => FaxError,
    };

    /// <summary>The cause of a failed attempt, from HylaFAX's status text ("Busy signal detected", "No answer from remote" ...).</summary>
    private static int? FaxStateFromStatus(string status)
    {
        string s = status.ToUpperInvariant();
        return s switch
        {
            _ when s.Contains("BUSY", StringComparison.Ordinal) => FaxBusy,
            _ when s.Contains("NO ANSWER", StringComparison.Ordinal) => FaxNoAnswer,
            _ when s.Contains("DIALTONE", StringComparison.Ordinal) || s.Contains("DIAL TONE", StringComparison.Ordinal) || s.Contains("NO CARRIER", StringComparison.Ordinal) => FaxNoDialTone,
            _ when s.Contains("DIALSTRING", StringComparison.Ordinal) || s.Contains("INVALID NUMBER", StringComparison.Ordinal) => FaxBadNumber,
            _ when s.Contains("VOICE", StringComparison.Ordinal) || s.Contains("DATA CONNECTION", StringComparison.Ordinal) || s.Contains("NOT A FAX", StringComparison.Ordinal) => FaxNotFax,
            _ when s.Contains("HANGUP", StringComparison.Ordinal) || s.Contains("DISCONNECT", StringComparison.Ordinal) => FaxDisconnected,
            _ => null,
        };
    }

    private static bool FaxJobCommand(string fn, int connection, string faxNameOrId, Func<FaxClient, int, Task> command) => Run(fn, false, () =>
    {
        FaxSession session = FaxSessionOf(connection);
        command(session.Client, ResolveFax(session, faxNameOrId)).GetAwaiter().GetResult();
        return true;
    });

    /// <summary>A fax name sent through this connection, else a job number, else a job tagged with that name on the server.</summary>
    private static int ResolveFax(FaxSession session, string faxNameOrId)
    {
        string key = (faxNameOrId ?? "").Trim();
        if (key.Length == 0)
        {
            throw new WLSocketException(WLSocketError.InvalidArgument, "The fax name or identifier is empty: give the name used with FaxEnvoie or a number listed by FaxBoîteEnvoi.");
        }

        if (session.TryGetJob(key, out int known))
        {
            return known;
        }

        if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int id))
        {
            return id;
        }

        FaxJob? tagged = session.Client.ListSendQueueAsync().GetAwaiter().GetResult().Where(j => j.Tag == key).MaxBy(j => j.Id)
            ?? session.Client.ListDoneQueueAsync().GetAwaiter().GetResult().Where(j => j.Tag == key).MaxBy(j => j.Id);
        return tagged?.Id ?? throw new WLSocketException(WLSocketError.FaxJobNotFound,
            $"No fax named '{key}' on the fax server {session.Client.Server}: it is in neither queue. Use the name given to FaxEnvoie or a number listed by FaxBoîteEnvoi.");
    }

    private static FaxSession FaxSessionOf(int connection) =>
        s_faxSessions.TryGetValue(connection, out FaxSession? session) ? session : throw UnknownFaxConnection(connection);

    private static WLSocketException UnknownFaxConnection(int connection) => new(WLSocketError.InvalidArgument,
        $"No fax connection {connection}: use the identifier FaxConnecte returned (it is not valid after FaxDéconnecte).");

    /// <summary>Calls the procedure of <c>FaxEnvoie</c> at each state change until the fax is finished or the connection closes.</summary>
    private static async Task WatchFaxAsync(FaxSession session, string name, int jobId, Action<string, int> procedure, SynchronizationContext? context)
    {
        CancellationToken closing = session.Closing; // taken once: it stays readable after FaxDéconnecte
        int last = 0;
        while (!closing.IsCancellationRequested)
        {
            int state;
            bool finished;
            try
            {
                FaxJob job = await session.Client.GetJobAsync(jobId, closing).ConfigureAwait(false);
                state = FaxStateOf(job);
                finished = job.IsFinished;
            }
            catch (Exception ex) when (ex is WLSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The connection closed (FaxDéconnecte) or broke: the procedure hears it once, unless the application closed it.
                if (!closing.IsCancellationRequested)
                {
                    Notify(procedure, context, name, FaxDisconnected);
                }

                return;
            }

            if (state != last)
            {
                last = state;
                Notify(procedure, context, name, state);
            }

            if (finished)
            {
                return;
            }

            try
            {
                await Task.Delay(WLangageSettings.FaxPollInterval, closing).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return; // FaxDéconnecte
            }
        }
    }

    private static void Notify(Action<string, int> procedure, SynchronizationContext? context, string name, int state)
    {
        if (context is null)
        {
            procedure(name, state);
        }
        else
        {
            context.Post(_ => procedure(name, state), null);
        }
    }
}
