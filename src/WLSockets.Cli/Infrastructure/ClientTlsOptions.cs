using System.CommandLine;
using System.Security.Cryptography.X509Certificates;

namespace WLSockets.Cli.Infrastructure;

/// <summary>The TLS options of <c>wlsock send</c>: <c>--tls</c> with <c>--ca FILE</c>, <c>--pin</c> or <c>--insecure</c>, and a client certificate.</summary>
internal sealed class ClientTlsOptions
{
    public Option<bool> Tls { get; } = new("--tls")
    {
        Description = "Connect with TLS. The handshake is part of connecting (within --timeout); the server's certificate must chain to a root this system trusts (or to --ca) and be issued for HOST (or --server-name), unless --pin or --insecure says otherwise. Messages are framed inside TLS exactly as in plain TCP. See TLS below.",
    };

    public Option<string> Ca { get; } = new("--ca")
    {
        Description = "With --tls: trust this certificate authority, or this self-signed server certificate itself, instead of the system's trusted roots. PEM (one or more certificates) or DER. The name is still checked.",
        HelpName = "FILE",
    };

    public Option<string> ServerName { get; } = new("--server-name")
    {
        Description = "With --tls: the name sent to the server (SNI) and checked against its certificate. Default: HOST; an IP address is checked against the certificate's IP addresses.",
        HelpName = "NAME",
    };

    public Option<string> Pin { get; } = new("--pin")
    {
        Description = "With --tls: accept the server only if its certificate's SHA-256 fingerprint is this one (64 hex digits, colons allowed), as 'wlsock listen --tls' prints it on stderr or 'openssl x509 -noout -fingerprint -sha256 -in FILE' shows it. Chain and name are then not checked.",
        HelpName = "SHA256",
    };

    public Option<bool> Insecure { get; } = new("--insecure")
    {
        Description = "With --tls: accept ANY server certificate (self-signed, expired, issued for another name). The traffic is encrypted but the server is not authenticated: for tests only. Never the default.",
    };

    public Option<string> Cert { get; } = new("--cert")
    {
        Description = "With --tls: a client certificate with its private key, for servers that require one (mutual TLS). A PEM file (the key in it, or in --key FILE), or a PFX/PKCS#12 file when the name ends in .pfx or .p12.",
        HelpName = "FILE",
    };

    public Option<string> Key { get; } = new("--key")
    {
        Description = "The PEM private key of --cert, when it is not in the --cert file.",
        HelpName = "FILE",
    };

    public Option<string> PasswordEnv { get; } = new("--password-env")
    {
        Description = "Name of the environment variable that holds the password of the --cert PFX file or of an encrypted --key.",
        HelpName = "VAR",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Tls);
        command.Options.Add(Ca);
        command.Options.Add(ServerName);
        command.Options.Add(Pin);
        command.Options.Add(Insecure);
        command.Options.Add(Cert);
        command.Options.Add(Key);
        command.Options.Add(PasswordEnv);
    }

    /// <summary>The TLS settings for a connection to <paramref name="host"/>, or null without <c>--tls</c>.</summary>
    /// <exception cref="UsageException">Options that do not go together, a bad fingerprint.</exception>
    /// <exception cref="WLSocketException">A certificate file that cannot be read.</exception>
    public ClientTlsSetup? Resolve(ParseResult parseResult)
    {
        OptionChecks.Requires(parseResult, Tls, "add --tls to connect with TLS.", Ca, ServerName, Pin, Insecure, Cert, Key, PasswordEnv);
        if (!parseResult.GetValue(Tls))
        {
            return null;
        }

        OptionChecks.Exclusive(parseResult, "choose one way to trust the server: --ca (validate against this CA), --pin (exactly this certificate) or --insecure (any certificate).", Ca, Pin, Insecure);
        OptionChecks.Requires(parseResult, Cert, "--key is the private key of the --cert file.", Key);
        OptionChecks.Requires(parseResult, Cert, "the password is for the --cert PFX file or its --key.", PasswordEnv);
        var options = new TlsClientOptions
        {
            TargetHost = parseResult.GetValue(ServerName),
            AllowInvalidCertificate = parseResult.GetValue(Insecure),
        };
        if (parseResult.GetValue(Ca) is { } caPath)
        {
            options.TrustedCertificates = TlsCertificates.LoadTrusted(caPath, "--ca");
        }

        var setup = new ClientTlsSetup(options);
        if (parseResult.GetValue(Pin) is { } pinText)
        {
            string pin = TlsCertificates.ParseSha256Fingerprint(pinText);
            setup.Pin = pin;
            options.CertificateValidation = (_, certificate, _, _) =>
            {
                if (certificate is not null && TlsCertificates.HasSha256Fingerprint(certificate, pin))
                {
                    return true;
                }

                setup.PinMismatch = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                return false;
            };
        }

        if (parseResult.GetValue(Cert) is { } certPath)
        {
            string? password = TlsCertificates.PasswordFromEnvironment(parseResult.GetValue(PasswordEnv));
            options.ClientCertificate = TlsCertificates.LoadWithKey(certPath, parseResult.GetValue(Key), password);
        }

        return setup;
    }
}

/// <summary>What <c>send --tls</c> uses: the connection's TLS options, and how to explain a refusal on the command line.</summary>
internal sealed class ClientTlsSetup(TlsClientOptions options)
{
    public TlsClientOptions Options { get; } = options;

    /// <summary>The <c>--pin</c> fingerprint (64 uppercase hex digits), or null.</summary>
    public string? Pin { get; set; }

    /// <summary>The server certificate that did not match <see cref="Pin"/>, once refused.</summary>
    public X509Certificate2? PinMismatch { get; set; }

    /// <summary>A connect failure as wlsock reports it: the library's reason, with advice in terms of wlsock's options.</summary>
    public WLSocketException Explain(WLSocketException ex, string host, int port)
    {
        if (ex.Error == WLSocketError.CertificateRejected && Pin is not null && PinMismatch is { } presented)
        {
            string target = host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]:{port}" : $"{host}:{port}";
            return new WLSocketException(ex.Error,
                $"The server certificate of {target} was rejected: it does not match --pin. Its SHA-256 fingerprint is {TlsCertificates.Sha256Fingerprint(presented)} ({TlsCertificates.Describe(presented)}).", ex);
        }

        return TlsMessages.ForClient(ex);
    }
}
