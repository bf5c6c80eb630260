using System.Buffers;
using System.Globalization;
using System.Net;

namespace WLSockets.Transports.Socks;

/// <summary>
/// Negotiates a SOCKS5 CONNECT on a stream connected to the proxy. On success the same stream is the tunnel to the
/// destination: nothing was read past the proxy's reply.
/// </summary>
internal static class Socks5Handshake
{
    /// <summary>Greeting, authentication if the proxy asks for it, CONNECT, reply.</summary>
    /// <param name="stream">Connected to the proxy; left open (the caller owns it).</param>
    /// <param name="proxy">The proxy and its credentials.</param>
    /// <param name="destination">The host (IP literal or name to send as is) and port to reach.</param>
    /// <param name="cancellationToken">Bounds every read and write (the caller's connect budget).</param>
    /// <returns>The reply; <see cref="Socks5Reply.Code"/> other than 0 is the proxy's refusal (the caller decides).</returns>
    /// <exception cref="WLSocketException"><see cref="WLSocketError.ProxyFailure"/>: no acceptable method, authentication
    /// failed, not a SOCKS5 answer, closed by the proxy.</exception>
    public static async ValueTask<Socks5Reply> NegotiateAsync(Stream stream, Socks5ProxyOptions proxy, Socks5Destination destination, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[Socks5Protocol.MaxReplyLength];
        await stream.WriteAsync(Socks5Protocol.Greeting(proxy.HasCredentials), cancellationToken).ConfigureAwait(false);

        await ReadAsync(stream, buffer, 0, 2, proxy, "its answer to the greeting", cancellationToken).ConfigureAwait(false);
        if (Socks5Protocol.ParseMethodChoice(buffer.AsSpan(0, 2), out byte method) != OperationStatus.Done)
        {
            throw NotSocks5(proxy, buffer.AsSpan(0, 2));
        }

        switch (method)
        {
            case Socks5Protocol.MethodNoAuthentication:
                break;
            case Socks5Protocol.MethodUserPassword when proxy.HasCredentials:
                await AuthenticateAsync(stream, proxy, buffer, cancellationToken).ConfigureAwait(false);
                break;
            case Socks5Protocol.MethodNoneAcceptable:
                throw Failure(proxy, proxy.HasCredentials
                    ? "it accepts none of the authentication methods offered (no authentication, user name/password)"
                    : "it requires authentication: give a user name and password (SocketProxy's login and password)");
            default:
                throw Failure(proxy, $"it chose an authentication method that was not offered (0x{method:X2})");
        }

        byte[] request = destination.Address is { } address
            ? Socks5Protocol.ConnectRequest(address, destination.Port)
            : Socks5Protocol.ConnectRequest(destination.Host, destination.Port);
        await stream.WriteAsync(request, cancellationToken).ConfigureAwait(false);

        int have = 0;
        while (true)
        {
            OperationStatus status = Socks5Protocol.ParseReply(buffer.AsSpan(0, have), out Socks5Reply reply, out int needed);
            if (status == OperationStatus.Done)
            {
                return reply;
            }

            if (status == OperationStatus.InvalidData)
            {
                throw NotSocks5(proxy, buffer.AsSpan(0, have));
            }

            // Exactly what the reply still owes: the bytes after it belong to the tunnel.
            await ReadAsync(stream, buffer, have, needed - have, proxy, "its reply to CONNECT", cancellationToken).ConfigureAwait(false);
            have = needed;
        }
    }

    private static async ValueTask AuthenticateAsync(Stream stream, Socks5ProxyOptions proxy, byte[] buffer, CancellationToken cancellationToken)
    {
        byte[] request = Socks5Protocol.UserPasswordRequest(proxy.Username!, proxy.Password);
        try
        {
            await stream.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Array.Clear(request); // the password does not stay in memory longer than needed
        }

        await ReadAsync(stream, buffer, 0, 2, proxy, "its answer to the user name and password (authentication failed?)", cancellationToken).ConfigureAwait(false);
        OperationStatus parsed = Socks5Protocol.ParseAuthStatus(buffer.AsSpan(0, 2), out byte status);
        if (parsed != OperationStatus.Done)
        {
            throw NotSocks5(proxy, buffer.AsSpan(0, 2));
        }

        if (status != 0)
        {
            throw Failure(proxy, $"authentication failed: the proxy refused the user name or password (status 0x{status:X2})");
        }
    }

    private static async ValueTask ReadAsync(Stream stream, byte[] buffer, int offset, int count, Socks5ProxyOptions proxy, string what, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException ex)
        {
            throw Failure(proxy, $"it closed the connection before {what}", ex);
        }
    }

    internal static WLSocketException Failure(Socks5ProxyOptions proxy, string reason, Exception? inner = null) =>
        new(WLSocketError.ProxyFailure, $"SOCKS5 proxy {proxy.Endpoint}: {reason}.", inner);

    private static WLSocketException NotSocks5(Socks5ProxyOptions proxy, ReadOnlySpan<byte> received) =>
        Failure(proxy, $"the answer is not SOCKS5 (received {Convert.ToHexString(received)}); check that this address and port are a SOCKS5 proxy, not an HTTP proxy or another service");

    /// <summary>The message of a refusing CONNECT reply.</summary>
    internal static WLSocketException Refused(Socks5ProxyOptions proxy, byte code, string target) =>
        Failure(proxy, string.Create(CultureInfo.InvariantCulture, $"{Socks5Protocol.DescribeReply(code)} (reply {code:X2}) for {target}"));
}

/// <summary>Where the proxy should connect: an IP address (resolved here, ATYP 01/04) or a host name (ATYP 03).</summary>
internal readonly record struct Socks5Destination(string Host, IPAddress? Address, int Port);
