using System.Security.Cryptography.X509Certificates;
using WLSockets.Cli.Infrastructure;

namespace WLSockets.Cli.Demo.Cases;

/// <summary>
/// Certificate validation is on by default: a client that does not trust the server's self-signed certificate, and
/// one that trusts it but expects another name, are refused with <see cref="WLSocketError.CertificateRejected"/> and
/// the reason; the server keeps serving, and a client that trusts the certificate gets through.
/// </summary>
internal sealed class TlsRejectedCase : IDemoCase
{
    public string Name => "tls-rejected";

    public string Title => "TLS: an untrusted self-signed certificate or a wrong name is refused by default (CertificateRejected)";

    public async Task RunAsync(DemoContext context)
    {
        X509Certificate2 certificate = context.Track(CertificateLoader.CreateSelfSigned("localhost"));
        MessageListener listener = context.StartTlsServer(TransmissionMode.SizePrefixed, certificate);
        context.Say("server", $"TLS listener on {listener.LocalEndPoint}, self-signed {certificate.Subject}");
        int serverSawFailures = 0;
        listener.HandshakeFailed += (_, _) => Interlocked.Increment(ref serverSawFailures);
        X509Certificate2 publicPart = context.Track(X509CertificateLoader.LoadCertificate(certificate.RawData));

        await ExpectRefusedAsync(context, listener, "new TlsClientOptions() (the system's trusted roots only)", new TlsClientOptions(), "chain errors");
        await ExpectRefusedAsync(context, listener, "TrustedCertificates = [that certificate], TargetHost = \"other.example\"",
            new TlsClientOptions { TrustedCertificates = [publicPart], TargetHost = "other.example" }, "name mismatch");

        // The server keeps serving. A client that refuses the certificate after the handshake completed on the
        // server's side (TLS 1.3 with OpenSSL) shows there as a connection that ends without a message.
        Task<string> served = ServeFirstMessageAsync(context, listener);
        MessageConnection good = await context.ConnectAsync(listener.LocalEndPoint, TransmissionMode.SizePrefixed,
            tls: new TlsClientOptions { TrustedCertificates = [publicPart] });
        await context.WithinAsync(good.SendAsync("HelloWord", context.CancellationToken).AsTask(), "the send");
        string received = await served;
        context.Say("client", $"TrustedCertificates = [that certificate]: connected ({TlsCertificates.DescribeSession(good.TlsSession!)}), sent \"HelloWord\"");
        context.Say("server", $"received \"{ByteFormat.EscapeControls(received)}\"; handshake failures it saw: {Volatile.Read(ref serverSawFailures)}");
        DemoContext.Expect(received == "HelloWord", $"the server received \"{ByteFormat.EscapeControls(received)}\"");
        context.Say("check", "refused by default with CertificateRejected and the reason; the server kept serving");
    }

    private static async Task ExpectRefusedAsync(DemoContext context, MessageListener listener, string how, TlsClientOptions tls, string reason)
    {
        try
        {
            MessageConnection connection = await context.ConnectAsync(listener.LocalEndPoint, TransmissionMode.SizePrefixed, tls: tls);
            throw new DemoFailedException($"a client with {how} was accepted ({TlsCertificates.DescribeSession(connection.TlsSession!)})");
        }
        catch (WLSocketException ex) when (ex.Error == WLSocketError.CertificateRejected)
        {
            context.Say("client", $"{how}:");
            context.Say("", $"refused, {ex.Error} ({(int)ex.Error}): {ex.Message}");
            DemoContext.Expect(ex.Message.Contains(reason, StringComparison.Ordinal), $"the refusal does not say \"{reason}\": {ex.Message}");
        }
        catch (WLSocketException ex)
        {
            throw new DemoFailedException($"a client with {how} failed with {ex.Error} instead of CertificateRejected: {ex.Message}", ex);
        }
    }

    /// <summary>Accepts connections until one delivers a message (the refused clients' connections may come first).</summary>
    private static async Task<string> ServeFirstMessageAsync(DemoContext context, MessageListener listener)
    {
        for (int attempt = 0; attempt < 4; attempt++)
        {
            MessageConnection connection = await context.AcceptAsync(listener);
            try
            {
                return await context.WithinAsync(connection.ReceiveStringAsync(context.Timeout, context.CancellationToken).AsTask(), "a message");
            }
            catch (WLSocketException ex) when (ex.Error is WLSocketError.ConnectionClosed or WLSocketError.ConnectionReset or WLSocketError.TlsHandshakeFailed)
            {
                context.Say("server", $"connection from {connection.RemoteEndPoint} ended without a message ({ex.Error}): a refused client");
            }
        }

        throw new DemoFailedException("the trusting client's message never reached the server");
    }
}
