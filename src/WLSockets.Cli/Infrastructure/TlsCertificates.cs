using System.Globalization;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WLSockets.Cli.Infrastructure;

/// <summary>Reads the certificate files named on the command line and describes certificates and TLS sessions in one line.</summary>
internal static class TlsCertificates
{
    /// <summary>
    /// A certificate with its private key: a PFX/PKCS#12 file when <paramref name="path"/> ends in <c>.pfx</c> or
    /// <c>.p12</c>, else PEM (the key in <paramref name="keyPath"/>, or in the same file).
    /// </summary>
    /// <exception cref="UsageException"><paramref name="keyPath"/> given with a PFX file.</exception>
    /// <exception cref="WLSocketException"><see cref="WLSocketError.CertificateNotFound"/>: missing file, no key, wrong password.</exception>
    public static X509Certificate2 LoadWithKey(string path, string? keyPath, string? password)
    {
        if (IsPfx(path))
        {
            if (keyPath is not null)
            {
                throw new UsageException($"--key is for PEM files: '{path}' is a PFX/PKCS#12 file, which holds its own key. Leave --key out.");
            }

            return CertificateLoader.FromPfxFile(path, password);
        }

        try
        {
            return CertificateLoader.FromPemFiles(path, keyPath, password);
        }
        catch (WLSocketException ex) when (keyPath is null && File.Exists(path) && ex.Error == WLSocketError.CertificateNotFound)
        {
            throw new WLSocketException(ex.Error,
                $"{ex.Message.TrimEnd()} When the private key is in another file, give it with --key FILE; a .pfx or .p12 file is read as PKCS#12.", ex);
        }
    }

    /// <summary>The certificates of a trust file: PEM (one or more <c>BEGIN CERTIFICATE</c> blocks; keys are ignored) or DER.</summary>
    /// <exception cref="WLSocketException"><see cref="WLSocketError.CertificateNotFound"/>: missing file, no certificate in it.</exception>
    public static X509Certificate2Collection LoadTrusted(string path, string option)
    {
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            throw new WLSocketException(WLSocketError.CertificateNotFound, $"{option} file '{fullPath}' not found.");
        }

        var certificates = new X509Certificate2Collection();
        try
        {
            byte[] data = File.ReadAllBytes(path);
            string text = System.Text.Encoding.ASCII.GetString(data);
            if (text.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                certificates.ImportFromPem(text);
            }
            else
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(data));
            }
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new WLSocketException(WLSocketError.CertificateNotFound,
                $"Could not read a certificate from the {option} file '{fullPath}': {ex.Message.TrimEnd('.')}. Give a PEM file (-----BEGIN CERTIFICATE-----) or a DER certificate.", ex);
        }

        return certificates.Count > 0
            ? certificates
            : throw new WLSocketException(WLSocketError.CertificateNotFound,
                $"The {option} file '{fullPath}' holds no certificate (no -----BEGIN CERTIFICATE----- block).");
    }

    /// <summary>The password held by the environment variable named by <c>--password-env</c>, or null when none is named.</summary>
    /// <exception cref="UsageException">The variable is not set.</exception>
    public static string? PasswordFromEnvironment(string? variable)
    {
        if (variable is null)
        {
            return null;
        }

        return Environment.GetEnvironmentVariable(variable)
            ?? throw new UsageException($"The environment variable '{variable}' named by --password-env is not set: export {variable}=... first (the password is never given on the command line).");
    }

    /// <summary>The SHA-256 fingerprint as openssl prints it: <c>AB:CD:...</c> (32 pairs).</summary>
    public static string Sha256Fingerprint(X509Certificate2 certificate) =>
        string.Join(':', certificate.GetCertHashString(HashAlgorithmName.SHA256).Chunk(2).Select(pair => new string(pair)));

    /// <summary>
    /// Parses a fingerprint typed by a user: 64 hex digits (SHA-256), with or without colons, spaces or dashes, any case.
    /// </summary>
    /// <exception cref="UsageException">Not 64 hex digits.</exception>
    public static string ParseSha256Fingerprint(string text)
    {
        string digits = new([.. text.Where(c => !char.IsWhiteSpace(c) && c is not ':' and not '-')]);
        if (digits.Length != 64 || !digits.All(char.IsAsciiHexDigit))
        {
            throw new UsageException(
                $"'{text}' is not a SHA-256 fingerprint for --pin: give its 64 hex digits (colons allowed), as 'wlsock listen --tls' prints it or as 'openssl x509 -noout -fingerprint -sha256 -in FILE' shows it.");
        }

        return digits.ToUpperInvariant();
    }

    /// <summary>True when the certificate's SHA-256 fingerprint is <paramref name="fingerprint"/> (64 uppercase hex digits).</summary>
    public static bool HasSha256Fingerprint(X509Certificate certificate, string fingerprint) =>
        string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), fingerprint, StringComparison.OrdinalIgnoreCase);

    /// <summary><c>CN=localhost (localhost, 127.0.0.1, ::1), valid until 2026-05-01 12:00 UTC</c>.</summary>
    public static string Describe(X509Certificate2 certificate)
    {
        string[] names = SubjectAlternativeNames(certificate);
        string alt = names.Length > 0 ? $" ({string.Join(", ", names)})" : "";
        string until = certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        return $"{certificate.Subject}{alt}, valid until {until}";
    }

    /// <summary><c>TLS 1.3, TLS_AES_256_GCM_SHA384</c>.</summary>
    public static string DescribeSession(TlsSessionInfo session) => $"{ProtocolName(session.Protocol)}, {session.CipherSuite}";

    /// <summary><c>TLS 1.2</c>, <c>TLS 1.3</c>; older versions by their enum name.</summary>
    public static string ProtocolName(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => "TLS 1.3",
        SslProtocols.Tls12 => "TLS 1.2",
        _ => protocol.ToString(),
    };

    private static bool IsPfx(string path) =>
        Path.GetExtension(path).ToUpperInvariant() is ".PFX" or ".P12";

    private static string[] SubjectAlternativeNames(X509Certificate2 certificate)
    {
        var names = new List<string>();
        foreach (X509SubjectAlternativeNameExtension extension in certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            names.AddRange(extension.EnumerateDnsNames());
            names.AddRange(extension.EnumerateIPAddresses().Select(ip => ip.ToString()));
        }

        return [.. names.Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
