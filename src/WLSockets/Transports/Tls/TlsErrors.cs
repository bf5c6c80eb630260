using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace WLSockets.Transports.Tls;

/// <summary>Turns <see cref="SslStream"/> failures into <see cref="WLSocketException"/> with a message that says what to do.</summary>
internal static class TlsErrors
{
    /// <summary>A failure of the background read of an established session.</summary>
    public static WLSocketException MapReceive(Exception ex)
    {
        if (FindSocketException(ex) is { } socketError)
        {
            return SocketErrors.Map(socketError, "Receive");
        }

        if (ex is ObjectDisposedException)
        {
            return SocketErrors.Closed("Receive");
        }

        if (ex is AuthenticationException)
        {
            // TLS 1.3 servers check the client certificate after the client has finished its handshake: their
            // refusal arrives with the first read.
            return new WLSocketException(WLSocketError.TlsHandshakeFailed,
                $"The TLS peer refused the session after the handshake ({Describe(ex)}). It may require a client certificate, or refuse the one given.", ex);
        }

        return new WLSocketException(WLSocketError.ConnectionReset,
            $"Receive failed: the TLS session was broken ({Describe(ex)}). The peer closed without TLS close_notify, sent an alert, or sent bytes that are not TLS.", ex);
    }

    /// <summary>A failed handshake, on either side.</summary>
    /// <param name="ex">What <see cref="SslStream"/> threw.</param>
    /// <param name="peer">Who the handshake was with (for the message).</param>
    /// <param name="rejection">Why our validation callback refused the peer's certificate, if it did.</param>
    /// <param name="isServer">True on the accepting side.</param>
    public static WLSocketException MapHandshake(Exception ex, string peer, string? rejection, bool isServer)
    {
        if (rejection is not null)
        {
            string what = isServer ? "client" : "server";
            string fix = isServer
                ? "Trust the client's issuer (TlsServerOptions.TrustedClientCertificates) or validate it yourself (ClientCertificateValidation)."
                : "Connect with the name the certificate was issued for, trust its issuer (TlsClientOptions.TrustedCertificates), or, for tests only, accept any certificate explicitly (AllowInvalidCertificate).";
            return new WLSocketException(WLSocketError.CertificateRejected,
                $"The {what} certificate of {peer} was rejected: {rejection}. {fix}", ex);
        }

        SocketException? socketError = FindSocketException(ex);
        string reason = ex is AuthenticationException
            ? Describe(ex)
            : "the peer closed the connection during the handshake (" + Describe(ex) + ")";
        string hint = isServer
            ? "The client may not speak TLS, or may refuse our certificate or protocol versions."
            : "The server may not speak TLS on this port, may require a client certificate, or may accept none of the protocol versions offered.";
        return new WLSocketException(WLSocketError.TlsHandshakeFailed, $"TLS handshake with {peer} failed: {reason}. {hint}", ex)
        {
            SocketErrorCode = socketError?.SocketErrorCode,
        };
    }

    public static WLSocketException HandshakeTimedOut(string peer, bool isServer) =>
        new(WLSocketError.Timeout, isServer
            ? $"TLS handshake with {peer} timed out: the client did not complete it within the handshake timeout."
            : $"TLS handshake with {peer} timed out: the server did not answer within the connect time limit. It may not speak TLS on this port.")
        {
            SocketErrorCode = SocketError.TimedOut,
        };

    /// <summary>Why a certificate failed validation: the policy errors, then the chain's status.</summary>
    public static string DescribeValidation(SslPolicyErrors errors, X509Chain? chain)
    {
        var text = new StringBuilder();
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            text.Append("no certificate was presented");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            Append(text, "name mismatch (the certificate was not issued for the host name or address connected to)");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            Append(text, "chain errors");
            X509ChainStatus[] statuses = chain?.ChainStatus ?? [];
            if (statuses.Length > 0)
            {
                text.Append(": ").AppendJoin("; ", statuses.Select(s => $"{s.Status} ({s.StatusInformation.Trim()})").Distinct());
            }
        }

        return text.Length == 0 ? errors.ToString() : $"{text} [SslPolicyErrors: {errors}]";

        static void Append(StringBuilder text, string part)
        {
            if (text.Length > 0)
            {
                text.Append(", ");
            }

            text.Append(part);
        }
    }

    /// <summary>The exception's message followed by those of its inner exceptions (OpenSSL puts the real cause there).</summary>
    public static string Describe(Exception ex)
    {
        var parts = new List<string>();
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            string message = e.Message.Trim().TrimEnd('.');
            if (message.Length > 0 && !message.Contains("see inner exception", StringComparison.OrdinalIgnoreCase) && !parts.Contains(message))
            {
                parts.Add(message);
            }
        }

        return parts.Count == 0 ? ex.GetType().Name : string.Join(": ", parts);
    }

    private static SocketException? FindSocketException(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is SocketException socketException)
            {
                return socketException;
            }
        }

        return null;
    }
}
