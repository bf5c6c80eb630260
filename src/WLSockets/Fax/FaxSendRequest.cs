namespace WLSockets.Fax;

/// <summary>What <see cref="FaxClient.SubmitAsync"/> sends: a number, documents, and the job's options.</summary>
public sealed class FaxSendRequest
{
    /// <summary>Creates a request for one destination and its documents (PDF, PostScript or TIFF files, sent in this order).</summary>
    public FaxSendRequest(string destination, params IEnumerable<string> documents)
    {
        Destination = destination;
        Documents = [.. documents];
    }

    /// <summary>The number to dial, as the server's dial rules accept it ("0145678900", "+33 1 45 67 89 00").</summary>
    public string Destination { get; }

    /// <summary>Paths of the documents, sent in this order.</summary>
    public IReadOnlyList<string> Documents { get; }

    /// <summary>Optional cover page: a PDF, PostScript or TIFF file sent before the documents (<c>JPARM COVER</c>).</summary>
    public string? CoverDocument { get; init; }

    /// <summary>Resolution (default <see cref="FaxResolution.Standard"/>).</summary>
    public FaxResolution Resolution { get; init; } = FaxResolution.Standard;

    /// <summary>Attempts before the server gives up; null = the server's default (3 on Debian).</summary>
    public int? MaxTries { get; init; }

    /// <summary>When the server e-mails a notice (default <see cref="FaxNotification.None"/>).</summary>
    public FaxNotification Notification { get; init; } = FaxNotification.None;

    /// <summary>Where the notice goes; null = the server's default for the user.</summary>
    public string? NotificationAddress { get; init; }

    /// <summary>The client's tag for the job (<c>JOBINFO</c>, shown in <see cref="FaxJob.Tag"/>): the fax name of <c>FaxEnvoie</c>.</summary>
    public string? Tag { get; init; }
}
