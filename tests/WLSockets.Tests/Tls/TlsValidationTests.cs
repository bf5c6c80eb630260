using System.Diagnostics;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using WLSockets.Tests.Fakes;

namespace WLSockets.Tests.Tls;

/// <summary>
/// The client validates the server's certificate by default (open questions L5, L6); accepting a bad one is explicit;
/// mutual TLS (L4); the connect time limit covers the handshake (T2).
/// </summary>
public class TlsValidationTests
{
    [Fact]
    public async Task An_untrusted_self_signed_server_is_refused_by_default_with_the_reason()
    {
        using MessageListener listener = TlsLoopback.Listen();
        var ex = await Assert.ThrowsAsync<WLSocketException>(() => ConnectAsync(listener, new TlsClientOptions()));
        Assert.Equal(WLSocketError.CertificateRejected, ex.Error);
        Assert.Contains("chain errors", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RemoteCertificateChainErrors", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_for_another_name_is_refused_then_accepted_for_that_name()
    {
        X509Certificate2 other = CertificateLoader.CreateSelfSigned("other.example", 1, SelfSignedKeyType.EcdsaP256);
        using MessageListener listener = TlsLoopback.Listen(certificate: other);

        var ex = await Assert.ThrowsAsync<WLSocketException>(() => ConnectAsync(listener, TlsTestCertificates.TrustServer(other)));
        Assert.Equal(WLSocketError.CertificateRejected, ex.Error);
        Assert.Contains("name mismatch", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("chain errors", ex.Message, StringComparison.Ordinal); // trusted: only the name is wrong

        TlsClientOptions byName = TlsTestCertificates.TrustServer(other);
        byName.TargetHost = "other.example";
        using MessageConnection connection = await ConnectAsync(listener, byName); // never accepted: close in the background
        Assert.Equal("other.example", connection.TlsSession!.TargetHost);
    }

    [Fact]
    public async Task An_expired_certificate_is_refused_even_when_trusted_and_accepted_only_explicitly()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        X509Certificate2 expired = CertificateLoader.CreateSelfSigned("localhost", now.AddDays(-30), now.AddDays(-1), SelfSignedKeyType.EcdsaP256);
        using MessageListener listener = TlsLoopback.Listen(certificate: expired);

        var ex = await Assert.ThrowsAsync<WLSocketException>(() => ConnectAsync(listener, TlsTestCertificates.TrustServer(expired)));
        Assert.Equal(WLSocketError.CertificateRejected, ex.Error);
        Assert.Contains("NotTimeValid", ex.Message, StringComparison.Ordinal);

        using MessageConnection connection = await ConnectAsync(listener, new TlsClientOptions { AllowInvalidCertificate = true });
        Assert.Equal(expired.Thumbprint, connection.TlsSession!.RemoteCertificate!.Thumbprint);
    }

    [Fact]
    public async Task A_validation_callback_decides_and_sees_the_policy_errors()
    {
        using MessageListener listener = TlsLoopback.Listen();
        SslPolicyErrors seen = SslPolicyErrors.None;
        string expected = TlsTestCertificates.Server.Thumbprint;
        var pinned = new TlsClientOptions
        {
            CertificateValidation = (_, certificate, _, errors) =>
            {
                seen = errors;
                return certificate is X509Certificate2 c && c.Thumbprint == expected; // pinning a self-signed server
            },
        };

        using MessageConnection connection = await ConnectAsync(listener, pinned);
        Assert.True(seen.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors));

        pinned.CertificateValidation = (_, _, _, _) => false;
        var ex = await Assert.ThrowsAsync<WLSocketException>(() => ConnectAsync(listener, pinned));
        Assert.Equal(WLSocketError.CertificateRejected, ex.Error);
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Mutual_TLS_accepts_a_trusted_client_certificate(SslProtocols protocol)
    {
        await using Pair pair = await TlsLoopback.PairAsync(
            configureServer: tls =>
            {
                tls.RequireClientCertificate = true;
                tls.TrustedClientCertificates = [TlsTestCertificates.Client];
                tls.EnabledProtocols = protocol;
            },
            configureClient: tls => tls.ClientCertificate = TlsTestCertificates.Client);

        Assert.Equal(protocol, pair.Server.TlsSession!.Protocol);
        Assert.Equal(TlsTestCertificates.Client.Thumbprint, pair.Server.TlsSession.RemoteCertificate!.Thumbprint);
        await pair.Client.SendAsync("signed", Loopback.Ct).Within();
        Assert.Equal("signed", await pair.Server.ReceiveStringAsync(Loopback.Deadline, Loopback.Ct).Within());
    }

    public static TheoryData<SslProtocols, bool> ClientCertificateCases { get; } = new()
    {
        { SslProtocols.Tls12, false },
        { SslProtocols.Tls12, true },
        { SslProtocols.Tls13, false },
        { SslProtocols.Tls13, true },
    };

    [Theory]
    [MemberData(nameof(ClientCertificateCases))]
    public async Task A_server_requiring_a_client_certificate_refuses_none_or_an_untrusted_one(SslProtocols protocol, bool presentUntrusted)
    {
        var failed = new TaskCompletionSource<TlsHandshakeFailedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        using MessageListener listener = TlsLoopback.Listen(configure: tls =>
        {
            tls.RequireClientCertificate = true;
            tls.TrustedClientCertificates = [TlsTestCertificates.Client];
            tls.EnabledProtocols = protocol;
        });
        listener.HandshakeFailed += (_, e) => failed.TrySetResult(e);
        TlsClientOptions client = TlsTestCertificates.TrustServer();
        if (presentUntrusted)
        {
            client.ClientCertificate = CertificateLoader.CreateSelfSigned("intruder", 1, SelfSignedKeyType.EcdsaP256);
        }

        // TLS 1.2 fails the client's handshake; with TLS 1.3 the client finishes first and learns of the refusal on
        // its first read. Either way the client gets an error and the server never hands the connection out.
        WLSocketException error = await Assert.ThrowsAsync<WLSocketException>(async () =>
        {
            await using MessageConnection connection = await ConnectAsync(listener, client);
            await connection.ReceiveAsync(Loopback.Deadline, Loopback.Ct).Within();
        });
        Assert.Contains(error.Error, new[] { WLSocketError.TlsHandshakeFailed, WLSocketError.ConnectionReset, WLSocketError.ConnectionClosed });

        TlsHandshakeFailedEventArgs refused = await failed.Task.Within();
        Assert.Equal(WLSocketError.CertificateRejected, refused.Error.Error);
        Assert.Contains(presentUntrusted ? "chain errors" : "no certificate was presented", refused.Error.Message, StringComparison.Ordinal);
        Assert.False(listener.WaitForConnection(TimeSpan.Zero));
        Assert.Equal(1, listener.FailedHandshakeCount);
    }

    [Fact]
    public async Task The_connect_time_limit_covers_a_handshake_the_server_never_answers()
    {
        using RawServer silent = RawServer.Start(); // accepts TCP, never speaks TLS
        var options = new MessageConnectionOptions { ConnectTimeout = TimeSpan.FromMilliseconds(500), Tls = TlsTestCertificates.TrustServer() };
        var watch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<WLSocketException>(() => MessageConnection.ConnectAsync("127.0.0.1", silent.Port, options, Loopback.Ct).Within());
        Assert.Equal(WLSocketError.Timeout, ex.Error);
        Assert.Contains("TLS handshake", ex.Message, StringComparison.Ordinal);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_server_that_does_not_speak_TLS_fails_the_handshake()
    {
        using RawServer plain = RawServer.Start();
        Task<MessageConnection> connect = MessageConnection.ConnectAsync("127.0.0.1", plain.Port, TlsTestCertificates.ClientOptions(), Loopback.Ct).AsTask();
        using RawPeer peer = await plain.AcceptAsync();
        await peer.SendAsync("9\r\nHelloWord"); // a WinDev frame where a TLS ServerHello was expected
        peer.ShutdownSend();

        var ex = await Assert.ThrowsAsync<WLSocketException>(() => connect.Within());
        Assert.Equal(WLSocketError.TlsHandshakeFailed, ex.Error);
        Assert.Contains("may not speak TLS", ex.Message, StringComparison.Ordinal);
    }

    private static async Task<MessageConnection> ConnectAsync(MessageListener listener, TlsClientOptions tls) =>
        await MessageConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, new MessageConnectionOptions { Tls = tls }, Loopback.Ct).Within();
}
