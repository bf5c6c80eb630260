namespace WLSockets.Fax;

/// <summary>The document types a HylaFAX server converts and sends as they are (its <c>FORM</c> names).</summary>
public enum FaxDocumentFormat
{
    /// <summary>PostScript ("%!").</summary>
    PostScript = 1,

    /// <summary>PDF ("%PDF-").</summary>
    Pdf,

    /// <summary>TIFF ("II*\0" or "MM\0*"), as fax software produces it.</summary>
    Tiff,
}
