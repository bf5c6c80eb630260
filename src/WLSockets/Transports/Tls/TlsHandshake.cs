using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using WLSockets.Internal;
using WLSockets.Transports.Socks;
using WLSockets.Transports.Tcp;

namespace WLSockets.Transports.Tls;

/// <summary>Runs the client and server TLS handshakes, validating the peer's certificate and explaining any refusal.</summary>
internal static class TlsHandshake
{
    /// <summary>
    /// Connects over TCP (through <paramref name="proxy"/> when set: TLS then runs inside the tunnel) and completes the
    /// client handshake, everything within <paramref name="deadline"/>.
    /// </summary>
    public static async ValueTask<TlsTransport> ConnectAsync(string host, int port, bool noDelay, TlsClientOptions tls, Socks5ProxyOptions? proxy, Deadline deadline, CancellationToken cancellationToken, IPEndPoint? localEndPoint = null)
    {
        Socket socket = proxy is null
            ? await TcpConnector.ConnectAsync(host, port, noDelay, deadline, cancellationToken, localEndPoint).ConfigureAwait(false)
            : await Socks5Connector.ConnectAsync(host, port, noDelay, proxy, deadline, cancellationToken).ConfigureAwait(false);
        var transport = new TlsTransport(socket);
        string peer = TcpConnector.FormatTarget(host, port);
        string targetHost = tls.TargetHost ?? (string.IsNullOrEmpty(host) ? "localhost" : host.Trim('[', ']'));
        string? rejection = null;
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = targetHost,
            EnabledSslProtocols = tls.EnabledProtocols,
            CertificateRevocationCheckMode = tls.RevocationMode,
            CertificateChainPolicy = ChainPolicy(tls.TrustedCertificates, tls.RevocationMode),
            RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
            {
                bool accepted = tls.AllowInvalidCertificate
                    || (tls.CertificateValidation is { } validate ? validate(sender, certificate, chain, errors) : errors == SslPolicyErrors.None);
                if (!accepted)
                {
                    rejection = TlsErrors.DescribeValidation(errors, chain);
                }

                return accepted;
            },
        };
        if (tls.ClientCertificate is { } clientCertificate)
        {
            options.ClientCertificateContext = SslStreamCertificateContext.Create(clientCertificate, additionalCertificates: null, offline: true);
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (!deadline.IsInfinite)
        {
            budget.CancelAfter(deadline.Remaining);
        }

        try
        {
            await transport.Stream.AuthenticateAsClientAsync(options, budget.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            transport.Close(reset: false);
            throw TlsErrors.HandshakeTimedOut(peer, isServer: false);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            transport.Close(reset: false);
            throw TlsErrors.MapHandshake(ex, peer, rejection, isServer: false);
        }
        catch
        {
            transport.Close(reset: false);
            throw;
        }

        transport.Start(targetHost);
        return transport;
    }

    /// <summary>Completes the server handshake on an accepted socket within the handshake timeout.</summary>
    public static async ValueTask<TlsTransport> AcceptAsync(Socket socket, TlsServerOptions tls, SslStreamCertificateContext certificate, CancellationToken stopping)
    {
        var transport = new TlsTransport(socket);
        string peer = socket.RemoteEndPoint?.ToString() ?? "a client";
        string? rejection = null;
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = certificate,
            EnabledSslProtocols = tls.EnabledProtocols,
            ClientCertificateRequired = tls.RequireClientCertificate,

            // A resumed session skips the certificate exchange: when every client must prove its certificate, every
            // connection gets a full handshake.
            AllowTlsResume = !tls.RequireClientCertificate,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            CertificateChainPolicy = ChainPolicy(tls.TrustedClientCertificates, X509RevocationMode.NoCheck),
            RemoteCertificateValidationCallback = (sender, clientCertificate, chain, errors) =>
            {
                bool accepted = clientCertificate is null
                    ? !tls.RequireClientCertificate
                    : tls.ClientCertificateValidation is { } validate ? validate(sender, clientCertificate, chain, errors) : errors == SslPolicyErrors.None;
                if (!accepted)
                {
                    rejection = TlsErrors.DescribeValidation(errors, chain);
                }

                return accepted;
            },
        };

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        budget.CancelAfter(Deadline.After(tls.HandshakeTimeout).Remaining);
        try
        {
            await transport.Stream.AuthenticateAsServerAsync(options, budget.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            transport.Close(reset: false);
            throw TlsErrors.HandshakeTimedOut(peer, isServer: true);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            transport.Close(reset: false);
            throw TlsErrors.MapHandshake(ex, peer, rejection, isServer: true);
        }
        catch
        {
            transport.Close(reset: false);
            throw;
        }

        transport.Start(null);
        return transport;
    }

    /// <summary>A chain policy that trusts only <paramref name="trusted"/>, or null for the system's roots.</summary>
    internal static X509ChainPolicy? ChainPolicy(X509Certificate2Collection? trusted, X509RevocationMode revocation)
    {
        if (trusted is not { Count: > 0 })
        {
            return null;
        }

        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = revocation };
        policy.CustomTrustStore.AddRange(trusted);
        return policy;
    }
}
