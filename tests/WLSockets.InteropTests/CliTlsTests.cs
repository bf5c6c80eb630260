using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.InteropTests;

/// <summary>
/// <c>wlsock listen --tls</c> and <c>wlsock send --tls</c> against <c>openssl s_client</c> / <c>s_server</c> and each
/// other: the framed bytes inside TLS are exact, certificates are validated by default, and a refusal is one line.
/// </summary>
public sealed partial class CliTlsTests
{
    public static TheoryData<string> OpenSslModes { get; } = new("length", "endtag-crlf", "endtag-buffer-pipes");

    public static TheoryData<string> EchoModes { get; } = new("length", "endtag-eof", "endtag-buffer-pipes", "raw");

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(OpenSslModes))]
    public async Task Listen_tls_self_signed_and_openssl_s_client_exchange_exact_bytes(string mode)
    {
        ModeCase c = ModeCase.Get(mode);
        _ = Tools.OpenSsl;
        List<byte[]> messages = Wire.Requests(c, small: true);
        (PeerProcess wlsock, int port) = await Wlsock.ListenAsync([.. c.CliArguments(), "--tls", "--self-signed", "--echo", "--hex", "--count", CliListenTests.Count(messages)]);
        await using (wlsock)
        {
            await wlsock.WaitForErrorLineAsync(l => Sha256Line().IsMatch(l), Tools.Timeout, "the self-signed certificate's SHA-256 fingerprint");
            await using PeerProcess client = OpenSslPeer.StartClient(port);
            await client.WriteInputAndCloseAsync(c.Frames(messages), Tools.Timeout); // -quiet implies -ign_eof: s_client waits for our close

            Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 0, wlsock.Describe());
            Assert.Equal(CliListenTests.HexLines(messages), Encoding.ASCII.GetString(wlsock.StandardOutputBytes));
            Assert.True(await client.WaitForExitAsync(Tools.Timeout) == 0, client.Describe());
            Assert.Equal(Wire.Hex(c.Frames(messages)), Wire.Hex(client.StandardOutputBytes)); // the echo, byte for byte
        }
    }

    [Theory(Timeout = 60_000)]
    [InlineData("--ca")]
    [InlineData("--ca+--server-name")]
    [InlineData("--insecure")]
    public async Task Send_tls_to_openssl_s_server_writes_the_spec_bytes_inside_tls(string trust)
    {
        using var temp = new TempDirectory();
        _ = Tools.OpenSsl;
        (string cert, string key) = await OpenSslPeer.MakeServerCertificateAsync(temp);
        string[] trustArguments = trust switch
        {
            "--ca" => ["--ca", cert],
            "--ca+--server-name" => ["--ca", cert, "--server-name", "localhost"],
            _ => ["--insecure"],
        };
        (PeerProcess server, int port) = await OpenSslPeer.StartServerAsync(cert, key);
        await using (server)
        {
            await using PeerProcess wlsock = await Wlsock.RunAsync(["send", "127.0.0.1", Port(port), "--tls", .. trustArguments, "HelloWord", "Hello world"]);
            Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 0, wlsock.Describe());
            Assert.True(await server.WaitForExitAsync(Tools.Timeout) == 0, server.Describe()); // -naccept 1: ends with our close
            Assert.Equal("390d0a48656c6c6f576f7264" + "31310d0a48656c6c6f20776f726c64", Wire.Hex(server.StandardOutputBytes));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Send_tls_without_ca_or_insecure_refuses_a_self_signed_openssl_server_in_one_line()
    {
        using var temp = new TempDirectory();
        _ = Tools.OpenSsl;
        (string cert, string key) = await OpenSslPeer.MakeServerCertificateAsync(temp);
        (PeerProcess server, int port) = await OpenSslPeer.StartServerAsync(cert, key);
        await using (server)
        {
            await using PeerProcess wlsock = await Wlsock.RunAsync(["send", "127.0.0.1", Port(port), "--tls", "HelloWord"]);
            await AssertOneCertificateErrorAsync(wlsock, "UntrustedRoot");
            Assert.Empty(server.StandardOutputBytes); // nothing was sent
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Send_tls_with_the_wrong_server_name_is_refused_in_one_line()
    {
        using var temp = new TempDirectory();
        _ = Tools.OpenSsl;
        (string cert, string key) = await OpenSslPeer.MakeServerCertificateAsync(temp);
        (PeerProcess server, int port) = await OpenSslPeer.StartServerAsync(cert, key);
        await using (server)
        {
            await using PeerProcess wlsock = await Wlsock.RunAsync(["send", "127.0.0.1", Port(port), "--tls", "--ca", cert, "--server-name", "other.example", "HelloWord"]);
            await AssertOneCertificateErrorAsync(wlsock, "name mismatch");
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task Listen_self_signed_is_refused_by_default_then_trusted_by_pin_and_by_the_saved_certificate()
    {
        using var temp = new TempDirectory();
        string saved = temp.File("self-signed.pem");
        (PeerProcess listen, int port) = await Wlsock.ListenAsync("--tls", "--self-signed", "--save-cert", saved, "--count", "2");
        await using (listen)
        {
            string line = await listen.WaitForErrorLineAsync(l => Sha256Line().IsMatch(l), Tools.Timeout, "the self-signed certificate's SHA-256 fingerprint");
            string fingerprint = Sha256Line().Match(line).Groups[1].Value;
            await listen.WaitForErrorLineAsync(l => l.Contains("written to", StringComparison.Ordinal), Tools.Timeout, "the --save-cert note");

            await using (PeerProcess refused = await Wlsock.RunAsync(["send", "127.0.0.1", Port(port), "--tls", "refused"]))
            {
                await AssertOneCertificateErrorAsync(refused, "UntrustedRoot");
            }

            await using (PeerProcess wrongPin = await Wlsock.RunAsync(["send", "127.0.0.1", Port(port), "--tls", "--pin", new string('A', 64), "refused"]))
            {
                await AssertOneCertificateErrorAsync(wrongPin, fingerprint);
            }

            await using (PeerProcess pinned = await Wlsock.RunAsync(["send", "127.0.0.1", Port(port), "--tls", "--pin", fingerprint, "pinned"]))
            {
                Assert.True(await pinned.WaitForExitAsync(Tools.Timeout) == 0, pinned.Describe());
            }

            await using (PeerProcess trusted = await Wlsock.RunAsync(["send", "127.0.0.1", Port(port), "--tls", "--ca", saved, "trusted"]))
            {
                Assert.True(await trusted.WaitForExitAsync(Tools.Timeout) == 0, trusted.Describe());
            }

            Assert.True(await listen.WaitForExitAsync(Tools.Timeout) == 0, listen.Describe());
            Assert.Equal("pinned\ntrusted\n", Encoding.ASCII.GetString(listen.StandardOutputBytes));
            Assert.Equal("listening on 127.0.0.1:" + Port(port), listen.StandardErrorLines[0]);
        }
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(EchoModes))]
    public async Task Listen_tls_echo_and_send_tls_insecure_reply_round_trip(string mode)
    {
        ModeCase c = ModeCase.Get(mode);
        string[] messages = c.IsRaw ? ["HelloWord"] : ["HelloWord", "Hello world", "Caf"];
        (PeerProcess listen, int port) = await Wlsock.ListenAsync([.. c.CliArguments(), "--tls", "--self-signed", "--echo", "--count", messages.Length.ToString(CultureInfo.InvariantCulture)]);
        await using (listen)
        {
            await using PeerProcess send = await Wlsock.RunAsync(["send", "127.0.0.1", Port(port), .. c.CliArguments(), "--tls", "--insecure", "--reply", "--timeout", "20000", .. messages]);
            string expected = string.Concat(messages.Select(m => m + "\n"));
            Assert.True(await send.WaitForExitAsync(Tools.Timeout) == 0, send.Describe());
            Assert.Equal(expected, Encoding.ASCII.GetString(send.StandardOutputBytes));
            Assert.True(await listen.WaitForExitAsync(Tools.Timeout) == 0, listen.Describe());
            Assert.Equal(expected, Encoding.ASCII.GetString(listen.StandardOutputBytes));
        }
    }

    [Theory(Timeout = 60_000)]
    [InlineData("pem")]
    [InlineData("pem-with-key-inside")]
    [InlineData("pfx")]
    public async Task Listen_tls_serves_an_openssl_certificate_from_pem_or_pfx_and_prints_its_fingerprint(string format)
    {
        using var temp = new TempDirectory();
        _ = Tools.OpenSsl;
        (string cert, string key) = await OpenSslPeer.MakeServerCertificateAsync(temp);
        var environment = new Dictionary<string, string>();
        string[] certificate;
        switch (format)
        {
            case "pem":
                certificate = ["--cert", cert, "--key", key];
                break;
            case "pem-with-key-inside":
                string both = temp.File("both.pem");
                await File.WriteAllTextAsync(both, await File.ReadAllTextAsync(cert, Tools.Token) + await File.ReadAllTextAsync(key, Tools.Token), Tools.Token);
                certificate = ["--cert", both];
                break;
            default:
                environment["WLSOCK_TEST_PFX_PASSWORD"] = "pfx secret";
                certificate = ["--cert", await OpenSslPeer.MakePfxAsync(temp, cert, key, "pfx secret"), "--password-env", "WLSOCK_TEST_PFX_PASSWORD"];
                break;
        }

        (PeerProcess listen, int port) = await Wlsock.ListenAsync(["--tls", .. certificate, "--echo", "--count", "2"], environment);
        await using (listen)
        {
            // The fingerprint on stderr is the one openssl computes for the file.
            string line = await listen.WaitForErrorLineAsync(l => Sha256Line().IsMatch(l), Tools.Timeout, "the certificate's SHA-256 fingerprint");
            string fingerprint = Sha256Line().Match(line).Groups[1].Value;
            Assert.Equal(await OpenSslPeer.Sha256FingerprintAsync(cert), fingerprint, ignoreCase: true);
            await using (PeerProcess pinned = await Wlsock.RunAsync(["send", "127.0.0.1", Port(port), "--tls", "--pin", fingerprint, "pinned"]))
            {
                Assert.True(await pinned.WaitForExitAsync(Tools.Timeout) == 0, pinned.Describe());
            }

            // Validated for real: the chain ends at the trusted file and the name matches (localhost, then the IP).
            await using PeerProcess send = await Wlsock.RunAsync(["send", "127.0.0.1", Port(port), "--tls", "--ca", cert, "--server-name", "localhost", "--reply", "HelloWord"]);
            Assert.True(await send.WaitForExitAsync(Tools.Timeout) == 0, send.Describe());
            Assert.Equal("HelloWord\n", Encoding.ASCII.GetString(send.StandardOutputBytes));
            Assert.True(await listen.WaitForExitAsync(Tools.Timeout) == 0, listen.Describe());
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task Listen_require_client_cert_accepts_a_trusted_client_and_warns_about_one_without()
    {
        using var temp = new TempDirectory();
        _ = Tools.OpenSsl;
        (string serverCert, string serverKey) = await OpenSslPeer.MakeServerCertificateAsync(temp);
        (string clientCert, string clientKey) = await OpenSslPeer.MakeCertificateAsync(temp, "client", "wlsock-client", "extendedKeyUsage=clientAuth");
        (PeerProcess listen, int port) = await Wlsock.ListenAsync("--tls", "--cert", serverCert, "--key", serverKey, "--require-client-cert", "--ca", clientCert, "--echo", "--count", "2");
        await using (listen)
        {
            // openssl s_client without a certificate: refused during the server's handshake, one warning line.
            await using (PeerProcess anonymous = OpenSslPeer.StartClient(port, "-CAfile", serverCert))
            {
                await anonymous.WriteInputAndCloseAsync("2\r\nno"u8.ToArray(), Tools.Timeout);
                await listen.WaitForErrorLineAsync(l => l.StartsWith("wlsock: warning: ", StringComparison.Ordinal), Tools.Timeout, "a warning about the client without a certificate");
                await anonymous.WaitForExitAsync(Tools.Timeout);
            }

            // wlsock send with the client certificate, and s_client with it: both served.
            await using (PeerProcess send = await Wlsock.RunAsync(["send", "127.0.0.1", Port(port), "--tls", "--ca", serverCert, "--cert", clientCert, "--key", clientKey, "--reply", "HelloWord"]))
            {
                Assert.True(await send.WaitForExitAsync(Tools.Timeout) == 0, send.Describe());
                Assert.Equal("HelloWord\n", Encoding.ASCII.GetString(send.StandardOutputBytes));
            }

            await using PeerProcess identified = OpenSslPeer.StartClient(port, "-CAfile", serverCert, "-cert", clientCert, "-key", clientKey);
            await identified.WriteInputAndCloseAsync("2\r\nok"u8.ToArray(), Tools.Timeout);
            Assert.True(await listen.WaitForExitAsync(Tools.Timeout) == 0, listen.Describe());
            Assert.Equal("HelloWord\nok\n", Encoding.ASCII.GetString(listen.StandardOutputBytes));
            Assert.True(await identified.WaitForExitAsync(Tools.Timeout) == 0, identified.Describe());
            Assert.Equal("2\r\nok", Encoding.ASCII.GetString(identified.StandardOutputBytes));
            Assert.Single(listen.StandardErrorLines, l => l.StartsWith("wlsock: warning: ", StringComparison.Ordinal));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Listen_tls_warns_once_about_a_plain_tcp_client_and_keeps_serving()
    {
        (PeerProcess listen, int port) = await Wlsock.ListenAsync("--tls", "--self-signed", "--count", "1");
        await using (listen)
        {
            await using (PeerProcess plain = await Wlsock.RunAsync(["send", "127.0.0.1", Port(port), "not TLS"]))
            {
                await listen.WaitForErrorLineAsync(l => l.StartsWith("wlsock: warning: ", StringComparison.Ordinal), Tools.Timeout, "a warning about the plain TCP client");
            }

            await using (PeerProcess tls = await Wlsock.RunAsync(["send", "127.0.0.1", Port(port), "--tls", "--insecure", "HelloWord"]))
            {
                Assert.True(await tls.WaitForExitAsync(Tools.Timeout) == 0, tls.Describe());
            }

            Assert.True(await listen.WaitForExitAsync(Tools.Timeout) == 0, listen.Describe());
            Assert.Equal("HelloWord\n", Encoding.ASCII.GetString(listen.StandardOutputBytes));
            string warning = Assert.Single(listen.StandardErrorLines, l => l.StartsWith("wlsock: warning: ", StringComparison.Ordinal));
            Assert.Contains("TLS handshake", warning, StringComparison.Ordinal);
        }
    }

    [Theory(Timeout = 60_000)]
    [InlineData(2, "listen", "0", "--tls")]
    [InlineData(2, "listen", "0", "--self-signed")]
    [InlineData(2, "listen", "0", "--tls", "--self-signed", "--cert", "server.pem")]
    [InlineData(2, "listen", "0", "--tls", "--self-signed", "--key", "server.key")]
    [InlineData(2, "listen", "0", "--tls", "--self-signed", "--ca", "clients.pem")]
    [InlineData(2, "listen", "0", "--tls", "--cert", "server.pfx", "--password-env", "WLSOCK_TEST_UNSET_VARIABLE")]
    [InlineData(1, "listen", "0", "--tls", "--cert", "missing.pem")]
    [InlineData(2, "send", "127.0.0.1", "1", "--insecure", "m")]
    [InlineData(2, "send", "127.0.0.1", "1", "--tls", "--insecure", "--ca", "ca.pem", "m")]
    [InlineData(2, "send", "127.0.0.1", "1", "--tls", "--pin", "not-a-fingerprint", "m")]
    [InlineData(1, "send", "127.0.0.1", "1", "--tls", "--ca", "missing.pem", "m")]
    public async Task Bad_tls_options_are_one_error_line(int exitCode, params string[] arguments)
    {
        await using PeerProcess wlsock = await Wlsock.RunAsync(arguments);
        Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == exitCode, wlsock.Describe());
        string line = Assert.Single(wlsock.StandardErrorLines);
        Assert.StartsWith("wlsock: error: ", line, StringComparison.Ordinal);
        Assert.Empty(wlsock.StandardOutputBytes);
    }

    private static async Task AssertOneCertificateErrorAsync(PeerProcess wlsock, string reason)
    {
        Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 1, wlsock.Describe());
        string line = Assert.Single(wlsock.StandardErrorLines);
        Assert.StartsWith("wlsock: error: The server certificate of 127.0.0.1:", line, StringComparison.Ordinal);
        Assert.Contains("was rejected", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
        Assert.Empty(wlsock.StandardOutputBytes);
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"SHA-256 fingerprint ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})")]
    private static partial Regex Sha256Line();
}
