namespace WLSockets.Fax;

/// <summary>The state of a HylaFAX job, as the server's one-character symbol (<c>%a</c> of <c>JOBFMT</c>) says it.</summary>
public enum FaxJobState
{
    /// <summary>"?": a symbol this client does not know.</summary>
    Unknown = 0,

    /// <summary>"T": suspended, not being scheduled (<see cref="FaxClient.SuspendAsync"/>).</summary>
    Suspended,

    /// <summary>"P": pending, waiting for its send time.</summary>
    Pending,

    /// <summary>"S": sleeping, waiting to retry after a failed attempt.</summary>
    Sleeping,

    /// <summary>"B": blocked by concurrent calls to the same destination.</summary>
    Blocked,

    /// <summary>"W": waiting for a modem (with no modem, a job stays here).</summary>
    Waiting,

    /// <summary>"R": running (being prepared, dialled or sent).</summary>
    Running,

    /// <summary>"D": done, sent.</summary>
    Done,

    /// <summary>"F": failed or killed; <see cref="FaxJob.Status"/> says why.</summary>
    Failed,
}
