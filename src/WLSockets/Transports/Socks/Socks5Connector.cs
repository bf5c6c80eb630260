using System.Net;
using System.Net.Sockets;
using WLSockets.Internal;
using WLSockets.Transports.Tcp;

namespace WLSockets.Transports.Socks;

/// <summary>Opens a TCP connection through a SOCKS5 proxy, everything within one time budget (open questions P4, P7, P8).</summary>
internal static class Socks5Connector
{
    /// <summary>
    /// Connects to the proxy, negotiates, and asks it to CONNECT to <paramref name="host"/>:<paramref name="port"/>. With
    /// <see cref="Socks5ProxyOptions.ResolveHostRemotely"/> a name goes to the proxy as is; otherwise it is resolved
    /// here and each address is tried in turn (a new proxy connection each) while the proxy answers "unreachable" or
    /// "refused".
    /// </summary>
    /// <returns>The socket connected to the proxy, now the tunnel to the destination.</returns>
    public static async ValueTask<Socket> ConnectAsync(string host, int port, bool noDelay, Socks5ProxyOptions proxy, Deadline deadline, CancellationToken cancellationToken)
    {
        string target = TcpConnector.FormatTarget(host, port);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (!deadline.IsInfinite)
        {
            budget.CancelAfter(deadline.Remaining);
        }

        List<Socks5Destination> destinations = await DestinationsAsync(host, port, proxy, budget.Token, cancellationToken).ConfigureAwait(false);
        WLSocketException? last = null;
        foreach (Socks5Destination destination in destinations)
        {
            if (last is not null && deadline.HasExpired)
            {
                break;
            }

            Socket socket = await ConnectToProxyAsync(proxy, noDelay, deadline, cancellationToken).ConfigureAwait(false);
            try
            {
                Socks5Reply reply;
                using (var stream = new NetworkStream(socket, ownsSocket: false))
                {
                    reply = await Socks5Handshake.NegotiateAsync(stream, proxy, destination, budget.Token).ConfigureAwait(false);
                }

                if (reply.Code == 0)
                {
                    return socket;
                }

                socket.Dispose();
                last = Socks5Handshake.Refused(proxy, reply.Code, destination.Address is { } a ? $"{target} ({a})" : target);
                if (reply.Code is not (0x03 or 0x04 or 0x05))
                {
                    break; // a refusal that another address of the same host would get too
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                throw new WLSocketException(WLSocketError.ProxyFailure,
                    $"SOCKS5 proxy {proxy.Endpoint}: no complete answer within the time limit while connecting to {target}. The proxy may be overloaded, or the destination may not answer it.")
                {
                    SocketErrorCode = SocketError.TimedOut,
                };
            }
            catch (IOException ex)
            {
                socket.Dispose();
                throw Socks5Handshake.Failure(proxy, $"the connection to the proxy failed during the negotiation ({ex.InnerException?.Message ?? ex.Message})", ex);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    private static async ValueTask<List<Socks5Destination>> DestinationsAsync(string host, int port, Socks5ProxyOptions proxy, CancellationToken budget, CancellationToken cancellationToken)
    {
        string bare = host.Trim('[', ']');
        if (string.IsNullOrEmpty(host))
        {
            return [new(host, IPAddress.Loopback, port), new(host, IPAddress.IPv6Loopback, port)];
        }

        if (IPAddress.TryParse(bare, out IPAddress? literal))
        {
            return [new(host, literal, port)];
        }

        if (proxy.ResolveHostRemotely)
        {
            return [new(bare, null, port)]; // socks5h: no lookup on this machine (P4)
        }

        IPAddress[] addresses;
        try
        {
            addresses = await TcpConnector.ResolveAsync(host, budget).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw SocketErrors.TimedOut("Connect", $" while resolving '{host}'");
        }
        catch (SocketException ex)
        {
            throw SocketErrors.Map(ex, "Connect", $"'{host}'");
        }

        if (addresses.Length == 0)
        {
            throw new WLSocketException(WLSocketError.HostNotFound, $"Host '{host}' not found: the name has no IP address. Check the spelling, or use an IP address.");
        }

        return [.. addresses.Select(a => new Socks5Destination(host, a, port))];
    }

    private static async ValueTask<Socket> ConnectToProxyAsync(Socks5ProxyOptions proxy, bool noDelay, Deadline deadline, CancellationToken cancellationToken)
    {
        try
        {
            return await TcpConnector.ConnectAsync(proxy.Host, proxy.Port, noDelay, deadline, cancellationToken).ConfigureAwait(false);
        }
        catch (WLSocketException ex)
        {
            throw new WLSocketException(WLSocketError.ProxyFailure,
                $"SOCKS5 proxy {proxy.Endpoint} unreachable: {ex.Message} Check SocketProxy's address and port, and that the proxy is running.", ex)
            {
                SocketErrorCode = ex.SocketErrorCode,
            };
        }
    }
}
