using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace WLSockets;

/// <summary>
/// Finds or loads the certificates TLS needs: from a certificate store by thumbprint or name (as WinDev's
/// <c>SocketCréeSSL</c> does), from a PFX/PKCS#12 file, from PEM files, or made on the spot (self-signed, for tests and
/// demos).
/// </summary>
/// <remarks>
/// Failures throw <see cref="WLSocketException"/> with <see cref="WLSocketError.CertificateNotFound"/>, whose message
/// says what was searched and where.
/// </remarks>
public static class CertificateLoader
{
    /// <summary>
    /// Finds a certificate with its private key in a store.
    /// </summary>
    /// <param name="identifier">
    /// A thumbprint (SHA-1, 40 hexadecimal digits, as certmgr shows it; or SHA-256, 64 digits): spaces, colons and
    /// any case are allowed. Or a name: matched against the subject's common name (CN), then the friendly name, then
    /// the whole subject (<c>CN=server, O=Company</c>), ignoring case.
    /// </param>
    /// <param name="match">Whether <paramref name="identifier"/> is a name or a thumbprint.</param>
    /// <param name="storeName">
    /// The store: <c>My</c> (personal, the default), <c>CA</c>, <c>TrustedPeople</c>, <c>Root</c>, or any other store name.
    /// </param>
    /// <param name="location">The store location; null (the default) searches <see cref="StoreLocation.CurrentUser"/>, then
    /// <see cref="StoreLocation.LocalMachine"/>.</param>
    /// <returns>
    /// Among the matching certificates that have a private key: one valid now rather than expired or not yet valid,
    /// then the one that expires last.
    /// </returns>
    /// <exception cref="WLSocketException"><see cref="WLSocketError.CertificateNotFound"/>: nothing matched, or nothing
    /// that matched has a private key; the message names the stores, the identifier and how many certificates were
    /// examined.</exception>
    public static X509Certificate2 FromStore(string identifier, CertificateMatch match = CertificateMatch.Name, string storeName = "My", StoreLocation? location = null)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        ArgumentException.ThrowIfNullOrEmpty(storeName);
        string? thumbprint = null;
        if (match == CertificateMatch.Thumbprint)
        {
            thumbprint = NormalizeThumbprint(identifier);
        }
        else if (identifier.Trim().Length == 0)
        {
            throw new WLSocketException(WLSocketError.InvalidArgument, "Empty certificate name: give the certificate's subject name (CN), friendly name or thumbprint.");
        }

        StoreLocation[] locations = location is { } only ? [only] : [StoreLocation.CurrentUser, StoreLocation.LocalMachine];
        var searched = new List<string>();
        var candidates = new List<X509Certificate2>();
        int examined = 0;
        int withoutKey = 0;
        foreach (StoreLocation where in locations)
        {
            using var store = new X509Store(storeName, where);
            try
            {
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            }
            catch (Exception ex) when (ex is CryptographicException or PlatformNotSupportedException or UnauthorizedAccessException)
            {
                searched.Add($"{where}\\{storeName} (not available: {ex.Message.TrimEnd('.')})");
                continue;
            }

            X509Certificate2Collection all = store.Certificates;
            examined += all.Count;
            searched.Add($"{where}\\{storeName} ({all.Count} certificate{(all.Count == 1 ? "" : "s")})");
            List<X509Certificate2> matched = thumbprint is not null
                ? all.Where(c => Matches(c, thumbprint)).ToList()
                : MatchByName(all, identifier.Trim());
            withoutKey += matched.Count(c => !c.HasPrivateKey);
            candidates.AddRange(matched.Where(c => c.HasPrivateKey));
            if (candidates.Count > 0)
            {
                break; // the current user's store wins over the machine's
            }
        }

        if (candidates.Count == 0)
        {
            string what = thumbprint is not null
                ? $"thumbprint {thumbprint}"
                : $"name '{identifier}' (subject CN, then friendly name, then full subject; case ignored)";
            string found = withoutKey > 0
                ? $"{withoutKey} matched but none has a private key: import the certificate with its key (a .pfx/.p12 file)"
                : "none matched";
            throw new WLSocketException(WLSocketError.CertificateNotFound,
                $"Certificate not found: searched {string.Join(", then ", searched)} for {what}; {examined} certificate{(examined == 1 ? "" : "s")} examined, {found}.");
        }

        DateTime now = DateTime.Now;
        return candidates
            .OrderByDescending(c => c.NotBefore <= now && now <= c.NotAfter)
            .ThenByDescending(c => c.NotAfter)
            .First();
    }

    /// <summary>Loads a certificate and its private key from a PFX / PKCS#12 file (<c>.pfx</c>, <c>.p12</c>).</summary>
    /// <exception cref="WLSocketException"><see cref="WLSocketError.CertificateNotFound"/>: missing file, wrong password, not PKCS#12.</exception>
    public static X509Certificate2 FromPfxFile(string path, string? password = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Load(path, () => File.Exists(path)
            ? LastWithKey(X509CertificateLoader.LoadPkcs12CollectionFromFile(path, password, KeyStorage), path)
            : throw MissingFile(path));
    }

    /// <summary>Loads a certificate and its private key from PKCS#12 bytes.</summary>
    /// <exception cref="WLSocketException"><see cref="WLSocketError.CertificateNotFound"/>: wrong password, not PKCS#12.</exception>
    public static X509Certificate2 FromPfx(byte[] data, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Load("the PKCS#12 data", () => LastWithKey(X509CertificateLoader.LoadPkcs12Collection(data, password, KeyStorage), "the PKCS#12 data"));
    }

    /// <summary>
    /// Loads a certificate and its private key from PEM files (<c>-----BEGIN CERTIFICATE-----</c>, and
    /// <c>-----BEGIN PRIVATE KEY-----</c> / <c>RSA PRIVATE KEY</c> / <c>EC PRIVATE KEY</c> / <c>ENCRYPTED PRIVATE KEY</c>).
    /// </summary>
    /// <param name="certificatePath">The certificate (the first one in the file is used).</param>
    /// <param name="keyPath">The private key; null when it is in <paramref name="certificatePath"/>.</param>
    /// <param name="keyPassword">The password of an encrypted key.</param>
    /// <exception cref="WLSocketException"><see cref="WLSocketError.CertificateNotFound"/>: missing file, no key, key not matching.</exception>
    public static X509Certificate2 FromPemFiles(string certificatePath, string? keyPath = null, string? keyPassword = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(certificatePath);
        return Load(certificatePath, () =>
        {
            foreach (string file in new[] { certificatePath, keyPath }.OfType<string>())
            {
                if (!File.Exists(file))
                {
                    throw MissingFile(file);
                }
            }

            using X509Certificate2 pem = keyPassword is null
                ? X509Certificate2.CreateFromPemFile(certificatePath, keyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(certificatePath, keyPassword, keyPath);

            // A key read from PEM is ephemeral; Windows' TLS (SChannel) cannot use such a key for a server, so the
            // pair goes through PKCS#12 once, which every platform accepts.
            return Reimport(pem);
        });
    }

    /// <summary>
    /// Makes a self-signed certificate with its private key, in memory, for tests and demos: valid from a day ago for
    /// <paramref name="validDays"/> days, for TLS servers and clients.
    /// </summary>
    /// <param name="commonName">The subject's CN, also its DNS name (or IP address). With <c>localhost</c> (the
    /// default), the certificate is also valid for 127.0.0.1 and ::1.</param>
    /// <param name="validDays">Days of validity from now.</param>
    /// <param name="keyType">RSA 2048 (the default) or ECDSA P-256.</param>
    public static X509Certificate2 CreateSelfSigned(string commonName = "localhost", int validDays = 30, SelfSignedKeyType keyType = SelfSignedKeyType.Rsa2048)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(validDays);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        return CreateSelfSigned(commonName, now.AddDays(-1), now.AddDays(validDays), keyType);
    }

    /// <summary>
    /// Makes a self-signed certificate valid from <paramref name="notBefore"/> to <paramref name="notAfter"/> (for
    /// example an expired one, to test that it is refused).
    /// </summary>
    /// <inheritdoc cref="CreateSelfSigned(string, int, SelfSignedKeyType)"/>
    public static X509Certificate2 CreateSelfSigned(string commonName, DateTimeOffset notBefore, DateTimeOffset notAfter, SelfSignedKeyType keyType = SelfSignedKeyType.Rsa2048)
    {
        ArgumentException.ThrowIfNullOrEmpty(commonName);
        if (notAfter <= notBefore)
        {
            throw new ArgumentException("The end of validity must come after its start.", nameof(notAfter));
        }

        using AsymmetricAlgorithm key = keyType == SelfSignedKeyType.EcdsaP256 ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(2048);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(commonName);
        CertificateRequest request = key is RSA rsa
            ? new CertificateRequest(subject.Build(), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest(subject.Build(), (ECDsa)key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            key is RSA ? X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment : X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication"), new Oid("1.3.6.1.5.5.7.3.2", "Client Authentication")], false));
        var names = new SubjectAlternativeNameBuilder();
        if (IPAddress.TryParse(commonName, out IPAddress? ip))
        {
            names.AddIpAddress(ip);
        }
        else
        {
            names.AddDnsName(commonName);
        }

        if (string.Equals(commonName, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            names.AddIpAddress(IPAddress.Loopback);
            names.AddIpAddress(IPAddress.IPv6Loopback);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using X509Certificate2 created = request.CreateSelfSigned(notBefore, notAfter);
        return Reimport(created);
    }

    /// <summary>
    /// Removes spaces, colons, dashes and invisible marks (certmgr's copy adds one) from a thumbprint and upper-cases it.
    /// </summary>
    /// <exception cref="WLSocketException"><see cref="WLSocketError.InvalidArgument"/> when what remains is not 40 or 64 hexadecimal digits.</exception>
    internal static string NormalizeThumbprint(string thumbprint)
    {
        var hex = new StringBuilder(thumbprint.Length);
        foreach (char c in thumbprint)
        {
            if (char.IsWhiteSpace(c) || c is ':' or '-' || char.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                continue;
            }

            hex.Append(char.ToUpperInvariant(c));
        }

        string normalized = hex.ToString();
        if (normalized.Length is not (40 or 64) || !normalized.All(char.IsAsciiHexDigit))
        {
            throw new WLSocketException(WLSocketError.InvalidArgument,
                $"'{thumbprint}' is not a certificate thumbprint: give its 40 hexadecimal digits (SHA-1, as certmgr shows it; spaces allowed) or 64 (SHA-256), or use NomCertificat to search by name.");
        }

        return normalized;
    }

    private static bool Matches(X509Certificate2 certificate, string thumbprint) =>
        thumbprint.Length == 40
            ? string.Equals(certificate.Thumbprint, thumbprint, StringComparison.OrdinalIgnoreCase)
            : string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), thumbprint, StringComparison.OrdinalIgnoreCase);

    /// <summary>Subject CN first; only when none matches, the friendly name; only then the whole subject.</summary>
    private static List<X509Certificate2> MatchByName(X509Certificate2Collection all, string name)
    {
        List<X509Certificate2> byCommonName = all.Where(c => string.Equals(c.GetNameInfo(X509NameType.SimpleName, forIssuer: false), name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (byCommonName.Count > 0)
        {
            return byCommonName;
        }

        List<X509Certificate2> byFriendlyName = all.Where(c => FriendlyName(c) is { Length: > 0 } friendly && string.Equals(friendly, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (byFriendlyName.Count > 0)
        {
            return byFriendlyName;
        }

        string wanted = CanonicalSubject(name);
        return all.Where(c => string.Equals(CanonicalSubject(c.Subject), wanted, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    private static string FriendlyName(X509Certificate2 certificate)
    {
        try
        {
            return certificate.FriendlyName;
        }
        catch (PlatformNotSupportedException)
        {
            return "";
        }
    }

    /// <summary>"CN=a,  O=b" and "CN=a, O=b" compare equal.</summary>
    private static string CanonicalSubject(string subject) =>
        string.Join(",", subject.Split(',').Select(part => part.Trim()));

    private const X509KeyStorageFlags KeyStorage = X509KeyStorageFlags.Exportable;

    private static X509Certificate2 Reimport(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null, KeyStorage);

    /// <summary>A PKCS#12 file may hold the chain too: take the certificate with the key (the last one, as WinDev's example does, when several have one).</summary>
    private static X509Certificate2 LastWithKey(X509Certificate2Collection certificates, string source)
    {
        X509Certificate2? withKey = certificates.LastOrDefault(c => c.HasPrivateKey);
        foreach (X509Certificate2 other in certificates)
        {
            if (!ReferenceEquals(other, withKey))
            {
                other.Dispose();
            }
        }

        return withKey ?? throw new WLSocketException(WLSocketError.CertificateNotFound,
            $"{source} holds {certificates.Count} certificate{(certificates.Count == 1 ? "" : "s")} but no private key: export the certificate with its private key.");
    }

    private static X509Certificate2 Load(string source, Func<X509Certificate2> load)
    {
        try
        {
            return load();
        }
        catch (CryptographicException ex)
        {
            throw new WLSocketException(WLSocketError.CertificateNotFound,
                $"Could not read a certificate with its private key from {source}: {ex.Message.TrimEnd('.')}. Check the file format and the password.", ex);
        }
        catch (Exception ex) when (ex is (IOException and not WLSocketException) or UnauthorizedAccessException)
        {
            throw new WLSocketException(WLSocketError.CertificateNotFound, $"Could not read {source}: {ex.Message}", ex);
        }
    }

    private static WLSocketException MissingFile(string path) =>
        new(WLSocketError.CertificateNotFound, $"Certificate file '{Path.GetFullPath(path)}' not found.");
}
