using System.Security.Cryptography.X509Certificates;
using WLSockets.Cli.Infrastructure;
using WLSockets.Framing;

namespace WLSockets.Cli.Demo.Cases;

/// <summary>
/// WinDev's length prefix inside TLS: a listener with a self-signed certificate made in memory, a client that trusts
/// exactly that certificate. The server reads in raw mode, so it shows the exact plaintext that came out of TLS
/// (<c>39 0d 0a 48 65 6c 6c 6f 57 6f 72 64</c>); a <see cref="WireTap"/> in front of it shows that the TCP wire
/// carries none of it in clear.
/// </summary>
internal sealed class TlsCase : IDemoCase
{
    private static readonly byte[] s_plaintext = [0x39, 0x0D, 0x0A, 0x48, 0x65, 0x6C, 0x6C, 0x6F, 0x57, 0x6F, 0x72, 0x64];

    public string Name => "tls";

    public string Title => "TLS: \"9\" CR LF \"HelloWord\" inside TLS, a self-signed certificate made in memory and trusted explicitly";

    public async Task RunAsync(DemoContext context)
    {
        X509Certificate2 certificate = context.Track(CertificateLoader.CreateSelfSigned("localhost"));
        context.Say("server", $"CertificateLoader.CreateSelfSigned(\"localhost\"): {TlsCertificates.Describe(certificate)}");
        context.Say("", $"SHA-256 {TlsCertificates.Sha256Fingerprint(certificate)}");

        // Raw mode on the server: each receive returns the bytes exactly as they came out of TLS.
        MessageListener listener = context.StartTlsServer(TransmissionMode.NoEndTag, certificate);
        WireTap tap = context.Track(WireTap.Start(listener.LocalEndPoint, context.CancellationToken));
        X509Certificate2 publicPart = context.Track(X509CertificateLoader.LoadCertificate(certificate.RawData));
        var trust = new TlsClientOptions { TrustedCertificates = [publicPart] };
        Task<MessageConnection> accepted = context.AcceptAsync(listener);
        MessageConnection client = await context.ConnectAsync(tap.EndPoint, TransmissionMode.SizePrefixed, tls: trust);
        MessageConnection server = await accepted;
        TlsSessionInfo clientSession = client.TlsSession ?? throw new DemoFailedException("the client has no TLS session");
        TlsSessionInfo serverSession = server.TlsSession ?? throw new DemoFailedException("the accepted connection has no TLS session");
        int handshakeBytes = tap.ClientBytes.Length;
        context.Say("client", "MessageConnection (length, ansi), Tls = new TlsClientOptions { TrustedCertificates = [that certificate only] }");
        context.Say("tls", $"client: {TlsCertificates.DescribeSession(clientSession)}; certificate validated for \"{clientSession.TargetHost}\" (chain ends at the trusted certificate)");
        context.Say("tls", $"server: {TlsCertificates.DescribeSession(serverSession)}; {handshakeBytes:N0} bytes of handshake written by the client");

        context.Say("client", $"sends {DemoContext.Quote("HelloWord", 9)}");
        await context.WithinAsync(client.SendAsync("HelloWord", context.CancellationToken).AsTask(), "the send");
        byte[] plaintext = await ReceiveAtLeastAsync(context, server, s_plaintext.Length);
        byte[] record = tap.ClientBytes[handshakeBytes..];
        context.ShowWire(record, "on the TCP wire for that message: one encrypted TLS record", maxBytes: 64);
        context.Say("server", $"TLS decrypted {plaintext.Length} bytes (raw receive): {ByteFormat.ToSpacedHex(plaintext)}");

        DemoContext.ExpectBytes(s_plaintext, plaintext, "plaintext inside TLS");
        DemoContext.Expect(record.Length > 5 && record[0] == 0x17,
            $"the message did not go out as a TLS application-data record (first byte {(record.Length > 0 ? record[0].ToString("x2", System.Globalization.CultureInfo.InvariantCulture) : "none")}, expected 17)");
        DemoContext.Expect(tap.ClientBytes.AsSpan().IndexOf("HelloWord"u8) < 0, "\"HelloWord\" appears in clear on the TCP wire");

        server.SetMode(TransmissionMode.SizePrefixed, Markers.DefaultText);
        await context.WithinAsync(server.SendAsync("Bien reçu", context.CancellationToken).AsTask(), "the reply");
        string reply = await context.WithinAsync(client.ReceiveStringAsync(context.Timeout, context.CancellationToken).AsTask(), "the reply");
        context.Say("client", $"received the length-prefixed reply {DemoContext.Quote(reply, reply.Length)}");
        DemoContext.Expect(reply == "Bien reçu", $"the client received \"{ByteFormat.EscapeControls(reply)}\"");
        context.Say("check", "inside TLS the bytes are exactly 39 0d 0a 48 65 6c 6c 6f 57 6f 72 64; on TCP only record type 17 (application data), no plaintext");
    }

    /// <summary>Raw mode returns what each TLS read gave: gather until <paramref name="count"/> bytes.</summary>
    private static async Task<byte[]> ReceiveAtLeastAsync(DemoContext context, MessageConnection connection, int count)
    {
        var received = new List<byte>(count);
        while (received.Count < count)
        {
            received.AddRange(await context.WithinAsync(connection.ReceiveAsync(context.Timeout, context.CancellationToken).AsTask(), "the server to receive the message"));
        }

        return [.. received];
    }
}
