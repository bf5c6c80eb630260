using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WLSockets.Transports.Socks;

/// <summary>
/// The bytes of RFC 1928 (SOCKS5 CONNECT) and RFC 1929 (user name/password): pure builders and bounded parsers, no I/O.
/// </summary>
/// <remarks>
/// Each parser tells how many bytes the message has as soon as its header says so, so that the caller reads exactly that
/// many: after the CONNECT reply the same socket carries the tunnel, and a byte read too many would be lost to it.
/// </remarks>
internal static class Socks5Protocol
{
    public const byte Version = 0x05;
    public const byte AuthVersion = 0x01;
    public const byte MethodNoAuthentication = 0x00;
    public const byte MethodUserPassword = 0x02;
    public const byte MethodNoneAcceptable = 0xFF;
    public const byte CommandConnect = 0x01;
    public const byte AddressIPv4 = 0x01;
    public const byte AddressDomain = 0x03;
    public const byte AddressIPv6 = 0x04;

    /// <summary>The longest reply: 4 header bytes, a length byte, a 255-byte name, 2 port bytes.</summary>
    public const int MaxReplyLength = 4 + 1 + 255 + 2;

    /// <summary><c>05 01 00</c>, or <c>05 02 00 02</c> when a user name is given (the proxy may still choose no authentication).</summary>
    public static byte[] Greeting(bool offerUserPassword) =>
        offerUserPassword ? [Version, 2, MethodNoAuthentication, MethodUserPassword] : [Version, 1, MethodNoAuthentication];

    /// <summary><c>01 ULEN user PLEN password</c>, both UTF-8 (RFC 1929).</summary>
    public static byte[] UserPasswordRequest(string username, string? password)
    {
        byte[] user = Encoding.UTF8.GetBytes(username);
        byte[] pass = Encoding.UTF8.GetBytes(password ?? "");
        if (user.Length is 0 or > 255 || pass.Length > 255)
        {
            throw new WLSocketException(WLSocketError.InvalidArgument, "SOCKS5 user name (1 to 255 bytes) or password (at most 255 bytes) has an invalid length.");
        }

        byte[] request = new byte[3 + user.Length + pass.Length];
        request[0] = AuthVersion;
        request[1] = (byte)user.Length;
        user.CopyTo(request, 2);
        request[2 + user.Length] = (byte)pass.Length;
        pass.CopyTo(request, 3 + user.Length);
        return request;
    }

    /// <summary><c>05 01 00 01 a b c d port</c> (IPv4) or <c>05 01 00 04 (16 bytes) port</c> (IPv6).</summary>
    public static byte[] ConnectRequest(IPAddress address, int port)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        byte[] bytes = address.GetAddressBytes();
        byte type = address.AddressFamily == AddressFamily.InterNetwork ? AddressIPv4 : AddressIPv6;
        byte[] request = new byte[4 + bytes.Length + 2];
        request[0] = Version;
        request[1] = CommandConnect;
        request[2] = 0;
        request[3] = type;
        bytes.CopyTo(request, 4);
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(4 + bytes.Length), (ushort)port);
        return request;
    }

    /// <summary><c>05 01 00 03 LEN name port</c>: the proxy resolves the name. Non-ASCII names are sent in their IDNA (punycode) form.</summary>
    public static byte[] ConnectRequest(string hostName, int port)
    {
        string name = hostName.Any(c => c > 0x7F) ? ToAscii(hostName) : hostName;
        byte[] bytes = Encoding.ASCII.GetBytes(name);
        if (bytes.Length is 0 or > 255)
        {
            throw new WLSocketException(WLSocketError.InvalidArgument,
                $"Host name too long for a SOCKS5 proxy: {bytes.Length.ToString(CultureInfo.InvariantCulture)} bytes, at most 255.");
        }

        byte[] request = new byte[5 + bytes.Length + 2];
        request[0] = Version;
        request[1] = CommandConnect;
        request[2] = 0;
        request[3] = AddressDomain;
        request[4] = (byte)bytes.Length;
        bytes.CopyTo(request, 5);
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(5 + bytes.Length), (ushort)port);
        return request;
    }

    /// <summary>The method choice <c>05 MM</c>: two bytes.</summary>
    public static OperationStatus ParseMethodChoice(ReadOnlySpan<byte> data, out byte method)
    {
        method = 0;
        if (data.Length < 2)
        {
            return data.Length == 1 && data[0] != Version ? OperationStatus.InvalidData : OperationStatus.NeedMoreData;
        }

        if (data[0] != Version)
        {
            return OperationStatus.InvalidData;
        }

        method = data[1];
        return OperationStatus.Done;
    }

    /// <summary>The authentication status <c>01 SS</c> (some proxies answer with version 05: accepted too).</summary>
    public static OperationStatus ParseAuthStatus(ReadOnlySpan<byte> data, out byte status)
    {
        status = 0;
        if (data.Length >= 1 && data[0] is not (AuthVersion or Version))
        {
            return OperationStatus.InvalidData;
        }

        if (data.Length < 2)
        {
            return OperationStatus.NeedMoreData;
        }

        status = data[1];
        return OperationStatus.Done;
    }

    /// <summary>
    /// Parses the CONNECT reply <c>05 REP 00 ATYP address port</c> from its first bytes.
    /// </summary>
    /// <param name="data">The bytes read so far (never more than the reply: see <paramref name="needed"/>).</param>
    /// <param name="reply">The reply when <see cref="OperationStatus.Done"/>.</param>
    /// <param name="needed">With <see cref="OperationStatus.NeedMoreData"/>: how many bytes the reply has at least, as
    /// far as its header tells (always more than <paramref name="data"/> holds, at most <see cref="MaxReplyLength"/>).</param>
    /// <returns>
    /// <see cref="OperationStatus.Done"/> for a whole success reply, and for a failure reply as soon as its code is
    /// known (2 bytes: the connection is closed anyway, and some proxies send no more); <see cref="OperationStatus.InvalidData"/>
    /// for a version other than 5, an unknown address type or an empty name.
    /// </returns>
    public static OperationStatus ParseReply(ReadOnlySpan<byte> data, out Socks5Reply reply, out int needed)
    {
        reply = default;
        needed = 2;
        if (data.Length >= 1 && data[0] != Version)
        {
            return OperationStatus.InvalidData;
        }

        if (data.Length < 2)
        {
            return OperationStatus.NeedMoreData;
        }

        if (data[1] != 0)
        {
            reply = new Socks5Reply(data[1], null, 2);
            return OperationStatus.Done;
        }

        needed = 5; // header + the first address byte (the name length for a domain)
        if (data.Length < needed)
        {
            if (data.Length == 4 && data[3] is not (AddressIPv4 or AddressIPv6 or AddressDomain))
            {
                return OperationStatus.InvalidData;
            }

            return OperationStatus.NeedMoreData;
        }

        byte type = data[3];
        int total = type switch
        {
            AddressIPv4 => 4 + 4 + 2,
            AddressIPv6 => 4 + 16 + 2,
            AddressDomain => data[4] == 0 ? -1 : 4 + 1 + data[4] + 2,
            _ => -1,
        };
        if (total < 0)
        {
            return OperationStatus.InvalidData;
        }

        needed = total;
        if (data.Length < total)
        {
            return OperationStatus.NeedMoreData;
        }

        int port = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(total - 2, 2));
        EndPoint bound = type switch
        {
            AddressIPv4 => new IPEndPoint(new IPAddress(data.Slice(4, 4)), port),
            AddressIPv6 => new IPEndPoint(new IPAddress(data.Slice(4, 16)), port),
            _ => new DnsEndPoint(Encoding.ASCII.GetString(data.Slice(5, data[4])), port),
        };
        reply = new Socks5Reply(0, bound, total);
        return OperationStatus.Done;
    }

    /// <summary>What a reply code means, in words.</summary>
    public static string DescribeReply(byte code) => code switch
    {
        0x01 => "general SOCKS server failure",
        0x02 => "connection not allowed by the proxy's rules",
        0x03 => "network unreachable",
        0x04 => "host unreachable",
        0x05 => "connection refused by the destination",
        0x06 => "TTL expired",
        0x07 => "command not supported by the proxy",
        0x08 => "address type not supported by the proxy",
        _ => "unknown reply code",
    };

    private static string ToAscii(string name)
    {
        try
        {
            return new IdnMapping().GetAscii(name);
        }
        catch (ArgumentException ex)
        {
            throw new WLSocketException(WLSocketError.InvalidArgument, $"Invalid host name '{name}' for the SOCKS5 proxy: {ex.Message}", ex);
        }
    }
}

/// <summary>A CONNECT reply: <see cref="Code"/> 0 = success; <see cref="BoundAddress"/> the proxy's outgoing address (success only).</summary>
internal readonly record struct Socks5Reply(byte Code, EndPoint? BoundAddress, int Length);
