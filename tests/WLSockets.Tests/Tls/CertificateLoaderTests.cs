using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WLSockets.Tests.Tls;

/// <summary>Finding certificates in stores and files (open question L3), and the self-signed helper.</summary>
public class CertificateLoaderTests
{
    [Fact]
    public void Thumbprint_matches_with_spaces_colons_any_case_and_an_invisible_mark()
    {
        using var store = new TempCertificateStore();
        X509Certificate2 certificate = store.Add(NewCertificate());
        string hex = certificate.Thumbprint;
        string spaced = string.Join(" ", Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2))).ToLowerInvariant();
        string coloned = string.Join(":", Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2)));

        foreach (string given in new[] { hex, hex.ToLowerInvariant(), spaced, coloned, "\u200e" + spaced, "  " + spaced + " " })
        {
            X509Certificate2 found = CertificateLoader.FromStore(given, CertificateMatch.Thumbprint, store.Name, StoreLocation.CurrentUser);
            Assert.Equal(hex, found.Thumbprint);
            Assert.True(found.HasPrivateKey);
        }
    }

    [Fact]
    public void A_SHA256_thumbprint_matches_too()
    {
        using var store = new TempCertificateStore();
        X509Certificate2 certificate = store.Add(NewCertificate());
        string sha256 = certificate.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant();
        Assert.Equal(certificate.Thumbprint, CertificateLoader.FromStore(sha256, CertificateMatch.Thumbprint, store.Name).Thumbprint);
    }

    [Fact]
    public void Name_matches_the_common_name_or_the_whole_subject_ignoring_case()
    {
        using var store = new TempCertificateStore();
        string cn = "server-" + Guid.NewGuid().ToString("N");
        X509Certificate2 certificate = store.Add(NewCertificate(cn));
        store.Add(NewCertificate("another-" + cn));

        Assert.Equal(certificate.Thumbprint, CertificateLoader.FromStore(cn.ToUpperInvariant(), CertificateMatch.Name, store.Name).Thumbprint);
        Assert.Equal(certificate.Thumbprint, CertificateLoader.FromStore("cn=" + cn, CertificateMatch.Name, store.Name).Thumbprint);
    }

    [Fact]
    public void Among_several_matches_a_valid_certificate_wins_then_the_latest_expiry()
    {
        using var store = new TempCertificateStore();
        string cn = "several-" + Guid.NewGuid().ToString("N");
        DateTimeOffset now = DateTimeOffset.UtcNow;
        store.Add(CertificateLoader.CreateSelfSigned(cn, now.AddDays(-10), now.AddDays(-1), SelfSignedKeyType.EcdsaP256)); // expired
        X509Certificate2 shortLived = store.Add(CertificateLoader.CreateSelfSigned(cn, now.AddDays(-1), now.AddDays(2), SelfSignedKeyType.EcdsaP256));
        X509Certificate2 longLived = store.Add(CertificateLoader.CreateSelfSigned(cn, now.AddDays(-1), now.AddDays(20), SelfSignedKeyType.EcdsaP256));
        store.Add(CertificateLoader.CreateSelfSigned(cn, now.AddDays(5), now.AddDays(60), SelfSignedKeyType.EcdsaP256)); // not yet valid, though it expires last

        Assert.Equal(longLived.Thumbprint, CertificateLoader.FromStore(cn, CertificateMatch.Name, store.Name).Thumbprint);
        Assert.NotEqual(shortLived.Thumbprint, longLived.Thumbprint);
    }

    [Fact]
    public void Not_found_names_the_store_the_identifier_and_the_count()
    {
        using var store = new TempCertificateStore();
        store.Add(NewCertificate());
        store.Add(NewCertificate());
        string missing = "missing-" + Guid.NewGuid().ToString("N");

        var ex = Assert.Throws<WLSocketException>(() => CertificateLoader.FromStore(missing, CertificateMatch.Name, store.Name, StoreLocation.CurrentUser));
        Assert.Equal(WLSocketError.CertificateNotFound, ex.Error);
        Assert.Contains($"CurrentUser\\{store.Name}", ex.Message, StringComparison.Ordinal);
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
        Assert.Contains("2 certificates examined", ex.Message, StringComparison.Ordinal);

        string thumbprint = new string('a', 40);
        ex = Assert.Throws<WLSocketException>(() => CertificateLoader.FromStore(thumbprint, CertificateMatch.Thumbprint, store.Name, StoreLocation.CurrentUser));
        Assert.Contains("thumbprint " + thumbprint.ToUpperInvariant(), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_locations_are_searched_by_default_and_named_when_nothing_matches()
    {
        var ex = Assert.Throws<WLSocketException>(() => CertificateLoader.FromStore("missing-" + Guid.NewGuid().ToString("N"), CertificateMatch.Name, "WLSocketsNoSuchStore" + Guid.NewGuid().ToString("N")));
        Assert.Equal(WLSocketError.CertificateNotFound, ex.Error);
        Assert.Contains("CurrentUser\\WLSocketsNoSuchStore", ex.Message, StringComparison.Ordinal);
        Assert.Contains("LocalMachine\\WLSocketsNoSuchStore", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0 certificates examined", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_match_without_private_key_is_refused_with_that_reason()
    {
        using var store = new TempCertificateStore();
        X509Certificate2 publicOnly = X509CertificateLoader.LoadCertificate(NewCertificate().Export(X509ContentType.Cert));
        store.Add(publicOnly);

        var ex = Assert.Throws<WLSocketException>(() => CertificateLoader.FromStore(publicOnly.Thumbprint, CertificateMatch.Thumbprint, store.Name, StoreLocation.CurrentUser));
        Assert.Equal(WLSocketError.CertificateNotFound, ex.Error);
        Assert.Contains("none has a private key", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12 34")]
    [InlineData("not a thumbprint at all, really not one")]
    public void A_malformed_thumbprint_is_an_invalid_argument(string thumbprint)
    {
        var ex = Assert.Throws<WLSocketException>(() => CertificateLoader.FromStore(thumbprint, CertificateMatch.Thumbprint));
        Assert.Equal(WLSocketError.InvalidArgument, ex.Error);
    }

    [Fact]
    public void Pfx_files_load_with_their_password_and_fail_clearly_without_it()
    {
        using var dir = new TempDirectory();
        X509Certificate2 certificate = NewCertificate();
        string path = dir.File("server.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, "s3cret"));

        X509Certificate2 loaded = CertificateLoader.FromPfxFile(path, "s3cret");
        Assert.Equal(certificate.Thumbprint, loaded.Thumbprint);
        Assert.True(loaded.HasPrivateKey);
        Assert.Equal(certificate.Thumbprint, CertificateLoader.FromPfx(File.ReadAllBytes(path), "s3cret").Thumbprint);

        var ex = Assert.Throws<WLSocketException>(() => CertificateLoader.FromPfxFile(path, "wrong"));
        Assert.Equal(WLSocketError.CertificateNotFound, ex.Error);
        Assert.Contains("password", ex.Message, StringComparison.Ordinal);

        ex = Assert.Throws<WLSocketException>(() => CertificateLoader.FromPfxFile(dir.File("absent.pfx")));
        Assert.Equal(WLSocketError.CertificateNotFound, ex.Error);
        Assert.Contains("absent.pfx", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SelfSignedKeyType.Rsa2048)]
    [InlineData(SelfSignedKeyType.EcdsaP256)]
    public void Pem_files_load_as_separate_or_combined_files_and_with_an_encrypted_key(SelfSignedKeyType keyType)
    {
        using var dir = new TempDirectory();
        X509Certificate2 certificate = CertificateLoader.CreateSelfSigned("localhost", 1, keyType);
        AsymmetricAlgorithm key = keyType == SelfSignedKeyType.Rsa2048 ? certificate.GetRSAPrivateKey()! : certificate.GetECDsaPrivateKey()!;
        string certPath = dir.File("cert.pem");
        string keyPath = dir.File("key.pem");
        string bothPath = dir.File("both.pem");
        string encryptedPath = dir.File("encrypted.pem");
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(bothPath, certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(encryptedPath, key.ExportEncryptedPkcs8PrivateKeyPem("pw",
            new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000)));

        foreach (X509Certificate2 loaded in new[]
        {
            CertificateLoader.FromPemFiles(certPath, keyPath),
            CertificateLoader.FromPemFiles(bothPath),
            CertificateLoader.FromPemFiles(certPath, encryptedPath, "pw"),
        })
        {
            Assert.Equal(certificate.Thumbprint, loaded.Thumbprint);
            Assert.True(loaded.HasPrivateKey);
        }

        var ex = Assert.Throws<WLSocketException>(() => CertificateLoader.FromPemFiles(certPath));
        Assert.Equal(WLSocketError.CertificateNotFound, ex.Error); // no key in the certificate file
        ex = Assert.Throws<WLSocketException>(() => CertificateLoader.FromPemFiles(certPath, dir.File("absent.pem")));
        Assert.Contains("absent.pem", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Self_signed_certificates_name_localhost_and_the_loopback_addresses()
    {
        DateTimeOffset before = DateTimeOffset.Now;
        using X509Certificate2 certificate = CertificateLoader.CreateSelfSigned(validDays: 3);
        Assert.Equal("CN=localhost", certificate.Subject);
        Assert.True(certificate.HasPrivateKey);
        Assert.NotNull(certificate.GetRSAPrivateKey());
        Assert.InRange(certificate.NotBefore, before.AddDays(-1).AddMinutes(-1).LocalDateTime, before.AddDays(-1).AddMinutes(1).LocalDateTime);
        Assert.InRange(certificate.NotAfter, before.AddDays(3).AddMinutes(-1).LocalDateTime, before.AddDays(3).AddMinutes(1).LocalDateTime);
        Assert.True(certificate.MatchesHostname("localhost"));
        Assert.True(certificate.MatchesHostname("127.0.0.1"));
        Assert.True(certificate.MatchesHostname("::1"));
        Assert.False(certificate.MatchesHostname("example.com"));

        using X509Certificate2 other = CertificateLoader.CreateSelfSigned("other.example", 1, SelfSignedKeyType.EcdsaP256);
        Assert.NotNull(other.GetECDsaPrivateKey());
        Assert.True(other.MatchesHostname("other.example"));
        Assert.False(other.MatchesHostname("localhost"));
        Assert.False(other.MatchesHostname(IPAddress.Loopback.ToString()));
    }

    private static X509Certificate2 NewCertificate(string? commonName = null) =>
        CertificateLoader.CreateSelfSigned(commonName ?? "cert-" + Guid.NewGuid().ToString("N"), 1, SelfSignedKeyType.EcdsaP256);
}
