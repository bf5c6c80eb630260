namespace WLSockets.Fax;

/// <summary>Recognises a document by its first bytes (magic numbers), never by its extension.</summary>
public static class FaxDocuments
{
    /// <summary>How many leading bytes <see cref="Detect"/> looks at.</summary>
    public const int MagicLength = 8;

    /// <summary>The format of a document from its first bytes, or null when it is none of PDF, PostScript or TIFF.</summary>
    public static FaxDocumentFormat? Detect(ReadOnlySpan<byte> start)
    {
        if (start.StartsWith("%PDF-"u8))
        {
            return FaxDocumentFormat.Pdf;
        }

        if (start.StartsWith("%!"u8) || start.StartsWith((ReadOnlySpan<byte>)[0xC5, 0xD0, 0xD3, 0xC6]))
        {
            return FaxDocumentFormat.PostScript; // "%!" or the DOS EPS binary header
        }

        if (start.StartsWith("II*\0"u8) || start.StartsWith("MM\0*"u8))
        {
            return FaxDocumentFormat.Tiff;
        }

        return null;
    }

    /// <summary>The server's <c>FORM</c> name of a format.</summary>
    internal static string FormName(FaxDocumentFormat format) => format switch
    {
        FaxDocumentFormat.Pdf => "PDF",
        FaxDocumentFormat.Tiff => "TIFF",
        _ => "PS",
    };

    /// <summary>Opens a document and checks its type; fails with <see cref="WLSocketError.FaxUnsupportedDocument"/> otherwise.</summary>
    internal static (FileStream Stream, FaxDocumentFormat Format) Open(string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new WLSocketException(WLSocketError.FaxUnsupportedDocument, $"Cannot read the document '{path}': {ex.Message} Check the path and the permissions.", ex);
        }

        try
        {
            Span<byte> magic = stackalloc byte[MagicLength];
            int read = stream.ReadAtLeast(magic, MagicLength, throwOnEndOfStream: false);
            stream.Position = 0;
            FaxDocumentFormat? format = Detect(magic[..read]);
            if (format is null)
            {
                throw new WLSocketException(WLSocketError.FaxUnsupportedDocument,
                    $"The document '{path}' is not a PDF, PostScript or TIFF file (it starts with {Hex(magic[..read])}). Fax servers send those three types as they are: print or export other documents to PDF first.");
            }

            return (stream, format.Value);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? "nothing (the file is empty)" : Convert.ToHexString(bytes);
}
