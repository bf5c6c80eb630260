using System.Net;
using System.Net.Sockets;
using WLSockets.Internal;

namespace WLSockets.Transports.Tcp;

/// <summary>Resolves a host and opens a TCP connection, everything under one time budget.</summary>
internal static class TcpConnector
{
    /// <summary>
    /// Connects to <paramref name="host"/> (IPv4 or IPv6 literal, or a name; empty = this machine, 127.0.0.1 then
    /// ::1) on <paramref name="port"/>. Every resolved address is tried in turn until one accepts or the deadline
    /// passes; a refusal moves on at once. With <paramref name="localEndPoint"/>, the socket binds it first and only
    /// the addresses of its family are tried.
    /// </summary>
    public static async ValueTask<Socket> ConnectAsync(string host, int port, bool noDelay, Deadline deadline, CancellationToken cancellationToken, IPEndPoint? localEndPoint = null)
    {
        string target = FormatTarget(host, port);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (!deadline.IsInfinite)
        {
            budget.CancelAfter(deadline.Remaining);
        }

        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(host, budget.Token).ConfigureAwait(false);
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

        if (localEndPoint is not null)
        {
            addresses = [.. addresses.Where(a => a.AddressFamily == localEndPoint.AddressFamily)];
            if (addresses.Length == 0)
            {
                throw new WLSocketException(WLSocketError.HostNotFound, $"Host '{host}' has no {(localEndPoint.AddressFamily == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address to reach from the local address {localEndPoint.Address}. Use a local address of the same family as the server's.");
            }
        }

        SocketException? last = null;
        foreach (IPAddress address in addresses)
        {
            if (deadline.HasExpired)
            {
                // A zero budget means "do not wait" (T3): a handshake always takes some time, so fail the same way
                // every time rather than racing the timer.
                throw SocketErrors.TimedOut("Connect", $" to {target}: the time limit had already passed");
            }

            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = noDelay };
            try
            {
                if (localEndPoint is not null)
                {
                    Bind(socket, localEndPoint);
                }

                await socket.ConnectAsync(new IPEndPoint(address, port), budget.Token).ConfigureAwait(false);
                return socket;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                throw SocketErrors.TimedOut("Connect", $" to {target}: no answer within the time limit. Check that the server is reachable, or allow a longer timeout");
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw SocketErrors.Map(last!, "Connect", target);
    }

    /// <summary>Binds the outgoing socket to the requested local address before connecting.</summary>
    /// <exception cref="WLSocketException">The address is not on this machine, or the port is taken.</exception>
    private static void Bind(Socket socket, IPEndPoint localEndPoint)
    {
        try
        {
            socket.Bind(localEndPoint);
        }
        catch (SocketException ex)
        {
            throw SocketErrors.Map(ex, "Bind", localEndPoint.ToString());
        }
    }

    /// <summary>The addresses of <paramref name="host"/>: an IP literal as is, empty = loopback (127.0.0.1 then ::1), a name through the resolver.</summary>
    internal static async ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(host))
        {
            return [IPAddress.Loopback, IPAddress.IPv6Loopback];
        }

        if (IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? literal))
        {
            return [literal];
        }

        return await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Formats host and port as <c>host:port</c> or <c>[v6]:port</c>.</summary>
    public static string FormatTarget(string host, int port) =>
        string.IsNullOrEmpty(host) ? $"localhost:{port}"
        : host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]:{port}" : $"{host}:{port}";
}
