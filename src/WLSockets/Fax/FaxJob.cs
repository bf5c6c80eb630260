namespace WLSockets.Fax;

/// <summary>One job of the server's send queue (<c>sendq</c>) or done queue (<c>doneq</c>).</summary>
/// <param name="Id">The job number the server gave (<c>JNEW</c>).</param>
/// <param name="State">Where the job is.</param>
/// <param name="Destination">The number dialled (the dial string as given).</param>
/// <param name="PagesSent">Pages transmitted so far.</param>
/// <param name="TotalPages">Pages to transmit; 0 until the server has prepared the documents (it converts them when a modem takes the job).</param>
/// <param name="Tries">Attempts made.</param>
/// <param name="MaxTries">Attempts allowed.</param>
/// <param name="Owner">The user who submitted the job.</param>
/// <param name="Tag">The client's tag for the job (<c>JOBINFO</c>): the fax name of <c>FaxEnvoie</c>.</param>
/// <param name="Status">The server's text about the last failure or the end ("Job aborted by request"); "" when none.</param>
/// <param name="InDoneQueue">True when the job was listed in the done queue.</param>
public sealed record FaxJob(int Id, FaxJobState State, string Destination, int PagesSent, int TotalPages, int Tries, int MaxTries,
    string Owner, string Tag, string Status, bool InDoneQueue)
{
    /// <summary>True when the server is finished with the job (<see cref="FaxJobState.Done"/> or <see cref="FaxJobState.Failed"/>).</summary>
    public bool IsFinished => State is FaxJobState.Done or FaxJobState.Failed;
}
