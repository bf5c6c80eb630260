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

    /// <summary>Page width in millimetres (default 209: A4, as HylaFAX's sendfax).</summary>
    public int PageWidth { get; init; } = 209;

    /// <summary>Page length in millimetres (default 296: A4; a US letter page is 216 x 279).</summary>
    public int PageLength { get; init; } = 296;

    /// <summary>How long the server keeps trying before it gives the job up (default 3 hours; 1 minute to 99 days).</summary>
    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromHours(3);

    /// <summary>Attempts before the server gives up; null = the server's default (3 on Debian).</summary>
    public int? MaxTries { get; init; }

    /// <summary>When the server e-mails a notice (default <see cref="FaxNotification.None"/>).</summary>
    public FaxNotification Notification { get; init; } = FaxNotification.None;

    /// <summary>Where the notice goes; null = the server's default for the user.</summary>
    public string? NotificationAddress { get; init; }

    /// <summary>The client's tag for the job (<c>JOBINFO</c>, shown in <see cref="FaxJob.Tag"/>): the fax name of <c>FaxEnvoie</c>.</summary>
    public string? Tag { get; init; }
}
