using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace WLSockets.Tests.Tls.OpenSsl;

/// <summary>
/// Our TLS client against <c>openssl s_server -quiet</c>, which relays the decrypted bytes to its stdout and its stdin
/// into the session: every framing mode, TLS 1.2 and 1.3, with and without a client certificate, byte-exact.
/// </summary>
public sealed class OpenSslServerTests(OpenSslFiles files) : IClassFixture<OpenSslFiles>
{
    public static TheoryData<TransmissionMode, string, bool> Cases => InteropCase.All();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Our_client_and_openssl_s_server_exchange_exact_bytes(TransmissionMode mode, string version, bool clientCertificate)
    {
        Assert.SkipWhen(OpenSslProcess.MissingReason is not null, OpenSslProcess.MissingReason ?? "");
        Assert.SkipUnless(ListeningPorts.CanObserve, "no /proc/net/tcp to see when s_server listens");
        (OpenSslProcess server, int port) = await StartServerAsync(version, clientCertificate);
        await using OpenSslProcess _ = server;

        MessageConnectionOptions options = InteropCase.Options(mode);
        options.Tls = new TlsClientOptions
        {
            TrustedCertificates = [files.OurServer], // s_server presents our self-signed certificate
            EnabledProtocols = InteropCase.Protocol(version),
            ClientCertificate = clientCertificate ? files.OpenSslClient : null,
        };
        await using MessageConnection connection = await MessageConnection.ConnectAsync("127.0.0.1", port, options, Loopback.Ct).Within();
        Assert.Equal(InteropCase.Protocol(version), connection.TlsSession!.Protocol);

        List<byte[]> requests = InteropCase.Payloads("to s_server");
        foreach (byte[] request in requests)
        {
            await connection.SendAsync(request, Loopback.Ct).Within();
        }

        byte[] wire = InteropCase.Frames(mode, requests);
        Assert.Equal(Convert.ToHexString(wire), Convert.ToHexString(await server.ReadStdoutAsync(wire.Length)));

        List<byte[]> replies = InteropCase.Payloads("from s_server");
        await server.WriteAsync(InteropCase.Frames(mode, replies));
        await InteropCase.ReceiveAndCheckAsync(connection, replies);

        await connection.CloseAsync().Within();
        Assert.True(await server.WaitForExitAsync(Loopback.Deadline) == 0, server.Describe()); // -naccept 1: it ends with our close
        Assert.Equal(wire.Length, server.Stdout.Length); // nothing more than the frames
    }

    [Fact]
    public async Task Without_the_client_certificate_s_server_asks_for_our_connection_fails()
    {
        Assert.SkipWhen(OpenSslProcess.MissingReason is not null, OpenSslProcess.MissingReason ?? "");
        Assert.SkipUnless(ListeningPorts.CanObserve, "no /proc/net/tcp to see when s_server listens");
        (OpenSslProcess server, int port) = await StartServerAsync("1.2", clientCertificate: true);
        await using OpenSslProcess _ = server;
        var options = new MessageConnectionOptions { Tls = new TlsClientOptions { TrustedCertificates = [files.OurServer] } };

        var ex = await Assert.ThrowsAsync<WLSocketException>(() => MessageConnection.ConnectAsync("127.0.0.1", port, options, Loopback.Ct).Within());
        Assert.Equal(WLSocketError.TlsHandshakeFailed, ex.Error);
    }

    [Fact]
    public async Task Our_client_refuses_s_server_when_it_does_not_trust_its_certificate()
    {
        Assert.SkipWhen(OpenSslProcess.MissingReason is not null, OpenSslProcess.MissingReason ?? "");
        Assert.SkipUnless(ListeningPorts.CanObserve, "no /proc/net/tcp to see when s_server listens");
        (OpenSslProcess server, int port) = await StartServerAsync("1.3", clientCertificate: false);
        await using OpenSslProcess _ = server;
        var options = new MessageConnectionOptions { Tls = new TlsClientOptions() }; // system roots only

        var ex = await Assert.ThrowsAsync<WLSocketException>(() => MessageConnection.ConnectAsync("127.0.0.1", port, options, Loopback.Ct).Within());
        Assert.Equal(WLSocketError.CertificateRejected, ex.Error);
        Assert.Contains("chain errors", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Starts s_server on a port that was free a moment ago, retrying if someone took it in between.</summary>
    private async Task<(OpenSslProcess Server, int Port)> StartServerAsync(string version, bool clientCertificate)
    {
        for (int attempt = 0; ; attempt++)
        {
            int port = ListeningPorts.FreePort();
            List<string> arguments =
            [
                "s_server", "-accept", "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
                "-cert", files.OurServerCert, "-key", files.OurServerKey,
                "-quiet", "-naccept", "1", InteropCase.OpenSslFlag(version),
            ];
            if (clientCertificate)
            {
                arguments.AddRange(["-Verify", "1", "-CAfile", files.OpenSslClientCert, "-verify_return_error"]);
            }

            OpenSslProcess server = OpenSslProcess.Start([.. arguments]);
            if (await ListeningPorts.WaitUntilListeningAsync(port, server))
            {
                return (server, port);
            }

            string failure = server.Describe();
            await server.DisposeAsync();
            Assert.True(attempt < 5, "s_server could not listen: " + failure);
        }
    }
}
