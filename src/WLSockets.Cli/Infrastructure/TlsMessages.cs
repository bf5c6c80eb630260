namespace WLSockets.Cli.Infrastructure;

/// <summary>
/// The library's TLS errors say how to fix them in terms of its API (TlsClientOptions.TrustedCertificates ...): on the
/// command line, the same advice names wlsock's options instead. The reason itself is kept word for word.
/// </summary>
internal static class TlsMessages
{
    private const string ClientAdvice = "Trust the server's certificate with --ca FILE (its CA, or the self-signed certificate itself) or --pin SHA256, " +
        "give the name it was issued for with --server-name NAME, or, for tests only, accept any certificate with --insecure.";

    private const string ServerAdvice = "Trust the client's issuer with --ca FILE (or the self-signed client certificate itself).";

    // The start of the library's own advice (Transports/Tls/TlsErrors.cs), cut off before ours is added.
    private static readonly string[] s_libraryAdvice =
    [
        " Connect with the name the certificate was issued for",
        " Trust the client's issuer (TlsServerOptions.",
    ];

    /// <summary>A client-side failure, with wlsock's advice when the server's certificate was rejected.</summary>
    public static WLSocketException ForClient(WLSocketException ex) =>
        ex.Error == WLSocketError.CertificateRejected ? new WLSocketException(ex.Error, WithoutLibraryAdvice(ex.Message) + " " + ClientAdvice, ex) : ex;

    /// <summary>The warning line for a client of <c>listen --tls</c> whose handshake failed.</summary>
    public static string HandshakeWarning(TlsHandshakeFailedEventArgs failure)
    {
        string client = failure.RemoteEndPoint?.ToString() ?? "a client";
        string message = failure.Error.Error == WLSocketError.CertificateRejected
            ? WithoutLibraryAdvice(failure.Error.Message) + " " + ServerAdvice
            : failure.Error.Message;
        string who = message.Contains(client, StringComparison.Ordinal) ? "" : $"client {client}: ";
        return $"{who}{message} The server keeps serving the other clients.";
    }

    private static string WithoutLibraryAdvice(string message)
    {
        foreach (string advice in s_libraryAdvice)
        {
            int at = message.IndexOf(advice, StringComparison.Ordinal);
            if (at > 0)
            {
                return message[..at];
            }
        }

        return message;
    }
}
