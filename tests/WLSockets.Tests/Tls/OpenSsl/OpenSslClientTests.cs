using System.Globalization;

namespace WLSockets.Tests.Tls.OpenSsl;

/// <summary>
/// <c>openssl s_client -quiet</c> against our TLS server (with a certificate openssl made, read from PEM files): every
/// framing mode, TLS 1.2 and 1.3, with and without a client certificate, byte-exact.
/// </summary>
public sealed class OpenSslClientTests(OpenSslFiles files) : IClassFixture<OpenSslFiles>
{
    public static TheoryData<TransmissionMode, string, bool> Cases => InteropCase.All();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Openssl_s_client_and_our_server_exchange_exact_bytes(TransmissionMode mode, string version, bool clientCertificate)
    {
        Assert.SkipWhen(OpenSslProcess.MissingReason is not null, OpenSslProcess.MissingReason ?? "");
        var tls = new TlsServerOptions(files.OpenSslServer)
        {
            EnabledProtocols = InteropCase.Protocol(version),
            RequireClientCertificate = clientCertificate,
            TrustedClientCertificates = [files.OurClient],
        };
        using MessageListener listener = MessageListener.Start("127.0.0.1", 0, InteropCase.Options(mode), tls);
        await using OpenSslProcess client = StartClient(listener.LocalEndPoint.Port, version, clientCertificate);

        await using MessageConnection connection = await listener.AcceptAsync(Loopback.Deadline, Loopback.Ct).Within();
        Assert.Equal(InteropCase.Protocol(version), connection.TlsSession!.Protocol);
        Assert.Equal(clientCertificate ? files.OurClient.Thumbprint : null, connection.TlsSession.RemoteCertificate?.Thumbprint);
        Assert.Equal(mode, connection.Mode); // inherited from the listener

        List<byte[]> replies = InteropCase.Payloads("to s_client");
        foreach (byte[] reply in replies)
        {
            await connection.SendAsync(reply, Loopback.Ct).Within();
        }

        byte[] wire = InteropCase.Frames(mode, replies);
        Assert.Equal(Convert.ToHexString(wire), Convert.ToHexString(await client.ReadStdoutAsync(wire.Length)));

        List<byte[]> requests = InteropCase.Payloads("from s_client");
        await client.WriteAsync(InteropCase.Frames(mode, requests));
        await InteropCase.ReceiveAndCheckAsync(connection, requests);

        await connection.CloseAsync().Within();
        Assert.True(await client.WaitForExitAsync(Loopback.Deadline) == 0, client.Describe()); // our close_notify ends it
        Assert.Equal(wire.Length, client.Stdout.Length);
    }

    [Fact]
    public async Task An_s_client_without_the_required_certificate_is_refused_and_the_server_keeps_serving()
    {
        Assert.SkipWhen(OpenSslProcess.MissingReason is not null, OpenSslProcess.MissingReason ?? "");
        var failed = new TaskCompletionSource<TlsHandshakeFailedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        var tls = new TlsServerOptions(files.OpenSslServer) { RequireClientCertificate = true, TrustedClientCertificates = [files.OurClient] };
        using MessageListener listener = MessageListener.Start("127.0.0.1", 0, null, tls);
        listener.HandshakeFailed += (_, e) => failed.TrySetResult(e);

        await using (OpenSslProcess refused = StartClient(listener.LocalEndPoint.Port, "1.2", clientCertificate: false))
        {
            Assert.Equal(WLSocketError.CertificateRejected, (await failed.Task.Within()).Error.Error);
            Assert.NotEqual(0, await refused.WaitForExitAsync(Loopback.Deadline));
        }

        await using OpenSslProcess accepted = StartClient(listener.LocalEndPoint.Port, "1.3", clientCertificate: true);
        await using MessageConnection connection = await listener.AcceptAsync(Loopback.Deadline, Loopback.Ct).Within();
        await connection.SendAsync("ok"u8.ToArray(), Loopback.Ct).Within();
        Assert.Equal("2\r\nok"u8.ToArray(), await accepted.ReadStdoutAsync(4));
    }

    private OpenSslProcess StartClient(int port, string version, bool clientCertificate)
    {
        List<string> arguments =
        [
            "s_client", "-connect", "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture), "-quiet", InteropCase.OpenSslFlag(version),
            "-CAfile", files.OpenSslServerCert, "-verify_return_error", "-verify_hostname", "localhost", "-servername", "localhost",
        ];
        if (clientCertificate)
        {
            arguments.AddRange(["-cert", files.OurClientCert, "-key", files.OurClientKey]);
        }

        return OpenSslProcess.Start([.. arguments]);
    }
}
