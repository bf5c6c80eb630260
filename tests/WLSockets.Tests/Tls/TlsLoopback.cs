using System.Security.Cryptography.X509Certificates;

namespace WLSockets.Tests.Tls;

/// <summary>TLS pairs on loopback, port 0, every wait bounded.</summary>
internal static class TlsLoopback
{
    /// <summary>A TLS listener on 127.0.0.1 with <see cref="TlsTestCertificates.Server"/>.</summary>
    public static MessageListener Listen(MessageConnectionOptions? options = null, Action<TlsServerOptions>? configure = null, X509Certificate2? certificate = null)
    {
        var tls = new TlsServerOptions(certificate ?? TlsTestCertificates.Server);
        configure?.Invoke(tls);
        return MessageListener.Start("127.0.0.1", 0, options, tls);
    }

    /// <summary>A connected TLS client/server pair.</summary>
    public static async Task<Pair> PairAsync(TransmissionMode mode = TransmissionMode.SizePrefixed, Action<TlsServerOptions>? configureServer = null, Action<TlsClientOptions>? configureClient = null)
    {
        var options = new MessageConnectionOptions { Mode = mode };
        MessageListener listener = Listen(options, configureServer);
        try
        {
            MessageConnectionOptions clientOptions = TlsTestCertificates.ClientOptions(mode);
            configureClient?.Invoke(clientOptions.Tls!);
            Task<MessageConnection> accept = listener.AcceptAsync(Loopback.Ct).AsTask();
            MessageConnection client = await MessageConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, clientOptions, Loopback.Ct).Within();
            MessageConnection server = await accept.Within();
            return new Pair(listener, client, server);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }
}
