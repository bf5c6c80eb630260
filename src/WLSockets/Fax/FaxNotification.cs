namespace WLSockets.Fax;

/// <summary>When the server sends its e-mail notice about a job (<c>JPARM NOTIFY</c>).</summary>
public enum FaxNotification
{
    /// <summary>Never ("none").</summary>
    None,

    /// <summary>When the job is done or failed ("done").</summary>
    WhenDone,

    /// <summary>When the job is requeued after a failed attempt ("requeue").</summary>
    WhenRequeued,

    /// <summary>Both ("done+requeue").</summary>
    WhenDoneOrRequeued,
}
