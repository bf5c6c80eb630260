using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using WLSockets.Internal;
using WLSockets.Transports.Socks;
using WLSockets.Transports.Tcp;
using WLSockets.Transports.Tls;

namespace WLSockets.Transports.WebSockets;

/// <summary>What a successful WebSocket connect hands to <see cref="WebSocketConnection"/>.</summary>
internal sealed record WebSocketSetup(ClientWebSocket Socket, HttpMessageInvoker Invoker, EndPoint? RemoteEndPoint, EndPoint? LocalEndPoint);

/// <summary>
/// Opens a <see cref="ClientWebSocket"/> (the platform's RFC 6455 implementation) whose TCP connection is ours: direct
/// or through SOCKS5, under one time budget with the TLS handshake and the HTTP upgrade (open questions T1, P8).
/// </summary>
internal static class WebSocketConnector
{
    public static async ValueTask<WebSocketSetup> ConnectAsync(Uri uri, WebSocketConnectionOptions options, CancellationToken cancellationToken)
    {
        Deadline deadline = Deadline.After(options.ConnectTimeout);
        bool secure = uri.Scheme == Uri.UriSchemeWss;
        TlsClientOptions tls = options.Tls ?? new TlsClientOptions();
        string? rejection = null;
        EndPoint? remote = null;
        EndPoint? local = null;
        Socks5ProxyOptions? proxy = options.Proxy;

        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectTimeout = Timeout.InfiniteTimeSpan, // the budget below bounds everything
            ConnectCallback = async (context, token) =>
            {
                DnsEndPoint target = context.DnsEndPoint;
                Socket socket = proxy is null
                    ? await TcpConnector.ConnectAsync(target.Host, target.Port, noDelay: true, deadline, token).ConfigureAwait(false)
                    : await Socks5Connector.ConnectAsync(target.Host, target.Port, noDelay: true, proxy, deadline, token).ConfigureAwait(false);
                remote = socket.RemoteEndPoint;
                local = socket.LocalEndPoint;
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        if (secure)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = tls.EnabledProtocols,
                CertificateRevocationCheckMode = tls.RevocationMode,
                CertificateChainPolicy = TlsHandshake.ChainPolicy(tls.TrustedCertificates, tls.RevocationMode),
                ClientCertificates = tls.ClientCertificate is { } certificate ? new X509CertificateCollection { certificate } : null,
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
        }

        var invoker = new HttpMessageInvoker(handler, disposeHandler: true);
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = options.KeepAliveInterval;
        socket.Options.CollectHttpResponseDetails = true;
        foreach (string protocol in options.SubProtocols)
        {
            socket.Options.AddSubProtocol(protocol);
        }

        foreach ((string name, string value) in options.RequestHeaders)
        {
            socket.Options.SetRequestHeader(name, value);
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (!deadline.IsInfinite)
        {
            budget.CancelAfter(deadline.Remaining);
        }

        try
        {
            await socket.ConnectAsync(uri, invoker, budget.Token).ConfigureAwait(false);
            return new WebSocketSetup(socket, invoker, remote, local);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var status = (int)socket.HttpStatusCode;
            socket.Dispose();
            invoker.Dispose();
            throw Map(ex, uri, options, rejection, status, timedOut: budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested);
        }
        catch
        {
            socket.Dispose();
            invoker.Dispose();
            throw;
        }
    }

    private static WLSocketException Map(Exception ex, Uri uri, WebSocketConnectionOptions options, string? rejection, int status, bool timedOut)
    {
        // Our own connect (direct or SOCKS5) failed: its error already says what and why.
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is WLSocketException ours)
            {
                return new WLSocketException(ours.Error, ours.Message, ours.InnerException) { SocketErrorCode = ours.SocketErrorCode };
            }
        }

        string peer = uri.IsDefaultPort ? $"{uri.Host}:{uri.Port.ToString(CultureInfo.InvariantCulture)}" : uri.Authority;
        if (rejection is not null)
        {
            return TlsErrors.MapHandshake(ex, peer, rejection, isServer: false);
        }

        if (timedOut)
        {
            string steps = uri.Scheme == Uri.UriSchemeWss ? "connection, TLS handshake and upgrade" : "connection and upgrade";
            return new WLSocketException(WLSocketError.Timeout,
                $"WebSocket connection to {uri} timed out: the {steps} did not finish within {options.ConnectTimeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms. Check that the server is reachable and is a WebSocket server, or allow a longer timeout.", ex)
            {
                SocketErrorCode = SocketError.TimedOut,
            };
        }

        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is AuthenticationException)
            {
                return TlsErrors.MapHandshake(e, peer, null, isServer: false);
            }
        }

        if (status is > 0 and not 101)
        {
            return new WLSocketException(WLSocketError.WebSocketHandshakeFailed,
                $"The server at {uri} refused the WebSocket upgrade: HTTP {status.ToString(CultureInfo.InvariantCulture)} instead of 101. Check the path (the virtual directory of the WebSocket server) and that this is a WebSocket endpoint.", ex);
        }

        return new WLSocketException(WLSocketError.WebSocketHandshakeFailed,
            $"WebSocket upgrade with {uri} failed: {TlsErrors.Describe(ex)}. The server may not be a WebSocket server, may refuse the sub-protocols offered, or closed the connection.", ex);
    }
}
