using System.CommandLine;
using System.Security.Cryptography.X509Certificates;

namespace WLSockets.Cli.Infrastructure;

/// <summary>The TLS options of <c>wlsock listen</c>: <c>--tls</c> with <c>--cert FILE [--key FILE]</c> or <c>--self-signed</c>.</summary>
internal sealed class ServerTlsOptions
{
    /// <param name="tlsName">The name of the option that turns TLS on: <c>--tls</c> (listen), <c>--tls-listen</c> (trace).</param>
    /// <param name="tlsDescription">Its help text, when not the one of <c>wlsock listen</c>.</param>
    public ServerTlsOptions(string tlsName = "--tls", string? tlsDescription = null)
    {
        Tls = new(tlsName)
        {
            Description = tlsDescription ?? "Serve TLS: each client first completes a TLS handshake (in the background: a slow or failing client never holds up the others; one that fails gets a warning line on stderr), then its messages are framed inside TLS exactly as in plain TCP. Needs --cert or --self-signed. See TLS below.",
        };
    }

    public Option<bool> Tls { get; }

    public Option<string> Cert { get; } = new("--cert")
    {
        Description = "With --tls: the server certificate and its private key. A PEM file (the key in it, or in --key FILE), or a PFX/PKCS#12 file when the name ends in .pfx or .p12.",
        HelpName = "FILE",
    };

    public Option<string> Key { get; } = new("--key")
    {
        Description = "The PEM private key of --cert, when it is not in the --cert file (PKCS#8, RSA or EC; encrypted keys need --password-env).",
        HelpName = "FILE",
    };

    public Option<string> PasswordEnv { get; } = new("--password-env")
    {
        Description = "Name of the environment variable that holds the password of the --cert PFX file or of an encrypted --key (never the password itself: a command line is visible to other users).",
        HelpName = "VAR",
    };

    public Option<bool> SelfSigned { get; } = new("--self-signed")
    {
        Description = "With --tls, instead of --cert: make a throwaway self-signed certificate in memory for localhost, 127.0.0.1 and ::1 (RSA 2048, valid 30 days). Its SHA-256 fingerprint and SHA-1 thumbprint are printed on stderr, after the listening line, so a client can trust exactly it (wlsock send --tls --pin SHA256).",
    };

    public Option<string> SaveCert { get; } = new("--save-cert")
    {
        Description = "With --self-signed: also write that certificate (not its key) to FILE as PEM, for clients to trust it: wlsock send --tls --ca FILE, openssl s_client -CAfile FILE, or an import on Windows.",
        HelpName = "FILE",
    };

    public Option<bool> RequireClientCert { get; } = new("--require-client-cert")
    {
        Description = "With --tls: mutual TLS. Refuse every client that presents no certificate, or one that does not validate against --ca (default: the system's trusted roots).",
    };

    public Option<string> Ca { get; } = new("--ca")
    {
        Description = "With --require-client-cert: accept client certificates issued by this CA, or these self-signed client certificates, instead of the system's trusted roots. PEM (one or more certificates) or DER.",
        HelpName = "FILE",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Tls);
        command.Options.Add(Cert);
        command.Options.Add(Key);
        command.Options.Add(PasswordEnv);
        command.Options.Add(SelfSigned);
        command.Options.Add(SaveCert);
        command.Options.Add(RequireClientCert);
        command.Options.Add(Ca);
    }

    /// <summary>The TLS settings, or null without <c>--tls</c>. Loads or makes the certificate.</summary>
    /// <exception cref="UsageException">Options that do not go together.</exception>
    /// <exception cref="WLSocketException">A certificate file that cannot be read.</exception>
    /// <exception cref="CliFailureException">The --save-cert file cannot be written.</exception>
    public ServerTlsSetup? Resolve(ParseResult parseResult)
    {
        OptionChecks.Requires(parseResult, Tls, $"add {Tls.Name} to serve TLS.", Cert, Key, PasswordEnv, SelfSigned, SaveCert, RequireClientCert, Ca);
        if (!parseResult.GetValue(Tls))
        {
            return null;
        }

        OptionChecks.Exclusive(parseResult, "the server presents one certificate, from a file (--cert) or made on the spot (--self-signed).", Cert, SelfSigned);
        OptionChecks.Requires(parseResult, Cert, "--key is the private key of the --cert file.", Key);
        OptionChecks.Requires(parseResult, Cert, "the password is for the --cert PFX file or its --key.", PasswordEnv);
        OptionChecks.Requires(parseResult, SelfSigned, "it writes the certificate made by --self-signed (with --cert, give clients that file's certificate).", SaveCert);
        OptionChecks.Requires(parseResult, RequireClientCert, "it validates client certificates, which only --require-client-cert asks for.", Ca);
        string? certPath = parseResult.GetValue(Cert);
        bool selfSigned = parseResult.GetValue(SelfSigned);
        if (certPath is null && !selfSigned)
        {
            throw new UsageException($"{Tls.Name} needs the server's certificate: --cert FILE (PEM with --key FILE, or a .pfx/.p12 file) or --self-signed (a throwaway one for localhost, for tests).");
        }

        var notes = new List<string>();
        var verboseNotes = new List<string>();
        X509Certificate2 certificate;
        if (selfSigned)
        {
            certificate = CertificateLoader.CreateSelfSigned("localhost");
            notes.Add($"TLS with a self-signed certificate made for this run: {TlsCertificates.Describe(certificate)}");
            notes.Add($"TLS certificate SHA-256 fingerprint {TlsCertificates.Sha256Fingerprint(certificate)} (a client trusts exactly this certificate with: wlsock send --tls --pin FINGERPRINT)");
            notes.Add($"TLS certificate SHA-1 thumbprint {certificate.Thumbprint}");
            if (parseResult.GetValue(SaveCert) is { } savePath)
            {
                Save(certificate, savePath);
                notes.Add($"TLS certificate written to {Path.GetFullPath(savePath)} (clients: --ca {savePath})");
            }
        }
        else
        {
            string? password = TlsCertificates.PasswordFromEnvironment(parseResult.GetValue(PasswordEnv));
            certificate = TlsCertificates.LoadWithKey(certPath!, parseResult.GetValue(Key), password);
            notes.Add($"TLS certificate {TlsCertificates.Describe(certificate)}, SHA-256 fingerprint {TlsCertificates.Sha256Fingerprint(certificate)}");
        }

        var options = new TlsServerOptions(certificate)
        {
            RequireClientCertificate = parseResult.GetValue(RequireClientCert),
        };
        if (parseResult.GetValue(Ca) is { } caPath)
        {
            options.TrustedClientCertificates = TlsCertificates.LoadTrusted(caPath, "--ca");
            verboseNotes.Add($"TLS client certificates must chain to one of the {options.TrustedClientCertificates.Count} certificate(s) of {caPath}");
        }
        else if (options.RequireClientCertificate)
        {
            verboseNotes.Add("TLS client certificates must chain to a root this system trusts (give --ca FILE for a private CA)");
        }

        return new ServerTlsSetup(options, notes, verboseNotes);
    }

    private static void Save(X509Certificate2 certificate, string path)
    {
        try
        {
            File.WriteAllText(path, certificate.ExportCertificatePem() + "\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliFailureException($"Cannot write the --save-cert file '{Path.GetFullPath(path)}': {ex.Message}", ex);
        }
    }
}

/// <summary>What <c>listen --tls</c> uses: the listener's TLS options and the lines to print once it listens.</summary>
/// <param name="Options">For <see cref="MessageListener.Start(string, int, MessageConnectionOptions?, TlsServerOptions, bool)"/>.</param>
/// <param name="Notes">Always printed on stderr after the listening line: the certificate presented and its fingerprints.</param>
/// <param name="VerboseNotes">Printed with --verbose only.</param>
internal sealed record ServerTlsSetup(TlsServerOptions Options, IReadOnlyList<string> Notes, IReadOnlyList<string> VerboseNotes);
