using System.Globalization;
using System.Net;
using System.Text;

namespace WLSockets;

/// <summary>
/// A SOCKS5 proxy (RFC 1928, with RFC 1929 user name/password authentication) for client connections: set
/// <see cref="MessageConnectionOptions.Proxy"/> or <see cref="WebSocketConnectionOptions.Proxy"/>. The connect time
/// limit covers the connection to the proxy, the negotiation, the CONNECT to the destination and any TLS handshake.
/// </summary>
/// <remarks>
/// The password is never shown: not by <see cref="ToString"/>, not in any exception message.
/// Immutable; one instance may serve any number of connections and threads.
/// </remarks>
public sealed class Socks5ProxyOptions
{
    /// <summary>The usual SOCKS port, 1080 (WinDev's <c>SocketProxy</c> default).</summary>
    public const int DefaultPort = 1080;

    private readonly string? _username;
    private readonly string? _password;

    /// <summary>A proxy at <paramref name="host"/> (IP literal or name) and <paramref name="port"/>, without authentication.</summary>
    /// <exception cref="ArgumentException">Empty host.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Port outside 1–65535.</exception>
    public Socks5ProxyOptions(string host, int port = DefaultPort)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        MessageConnection.ValidatePort(port);
        Host = host.Trim().Trim('[', ']');
        Port = port;
    }

    /// <summary>The proxy's address: an IP literal (IPv6 without brackets) or a name.</summary>
    public string Host { get; }

    /// <summary>The proxy's port.</summary>
    public int Port { get; }

    /// <summary>
    /// User name for RFC 1929 authentication (encoded in UTF-8, at most 255 bytes). Null or empty (default): only
    /// "no authentication" is offered, and <see cref="Password"/> is ignored.
    /// </summary>
    public string? Username
    {
        get => _username;
        init => _username = CheckCredential(value, nameof(Username));
    }

    /// <summary>Password for RFC 1929 authentication (UTF-8, at most 255 bytes); used only with a <see cref="Username"/>.</summary>
    public string? Password
    {
        get => _password;
        init => _password = CheckCredential(value, nameof(Password));
    }

    /// <summary>
    /// False (default, <c>socks5://</c>): a destination host name is resolved on this machine and the proxy receives
    /// its IP address. True (<c>socks5h://</c>): the proxy receives the name and resolves it, so this machine makes no
    /// DNS query for the destination.
    /// </summary>
    public bool ResolveHostRemotely { get; init; }

    /// <summary>True when a user name is set, so user name/password authentication is offered.</summary>
    public bool HasCredentials => !string.IsNullOrEmpty(_username);

    /// <summary>
    /// Parses <c>socks5://host[:port]</c>, <c>socks5h://host[:port]</c> (the proxy resolves destination names) or a bare
    /// <c>host[:port]</c> (taken as <c>socks5://</c>). IPv6 literals go in brackets when a port follows
    /// (<c>socks5://[::1]:1080</c>). A user name and password may be given as <c>socks5://user:password@host</c>
    /// (percent-encoded). <paramref name="defaultPort"/> applies when the address has no port.
    /// </summary>
    /// <exception cref="FormatException">Another scheme (http, socks4 ...), an empty or malformed address, an invalid port.</exception>
    public static Socks5ProxyOptions Parse(string address, int defaultPort = DefaultPort)
    {
        ArgumentNullException.ThrowIfNull(address);
        return TryParse(address, defaultPort, out Socks5ProxyOptions? options, out string? error) ? options! : throw new FormatException(error);
    }

    /// <summary>The proxy as <c>socks5://host:port</c> or <c>socks5h://host:port</c>, never with the credentials.</summary>
    public override string ToString()
    {
        string host = Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;
        string user = HasCredentials ? " (with user name/password)" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{(ResolveHostRemotely ? "socks5h" : "socks5")}://{host}:{Port}{user}");
    }

    /// <summary>The proxy as <c>host:port</c> for messages.</summary>
    internal string Endpoint => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    internal static bool TryParse(string address, int defaultPort, out Socks5ProxyOptions? options, out string? error)
    {
        options = null;
        string text = address.Trim();
        bool remote = false;
        string? userInfo = null;
        int schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            string scheme = text[..schemeEnd].ToLowerInvariant();
            if (scheme is not ("socks5" or "socks5h"))
            {
                error = $"Invalid proxy address '{Describe(text)}': only SOCKS5 proxies are supported; write socks5://address (or socks5h:// to let the proxy resolve names).";
                return false;
            }

            remote = scheme == "socks5h";
            text = text[(schemeEnd + 3)..];
            int slash = text.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                if (text[slash..].Trim('/').Length > 0)
                {
                    error = $"Invalid proxy address '{Describe(address)}': a SOCKS5 proxy address has no path; write socks5://address[:port].";
                    return false;
                }

                text = text[..slash];
            }
        }

        // user:password@ with or without the scheme: a bare "USER:PWD@host" put the password into the "invalid port"
        // message before (found by fuzzing), so it is read as a login in both forms.
        int at = text.LastIndexOf('@');
        if (at >= 0)
        {
            userInfo = text[..at];
            text = text[(at + 1)..];
        }

        if (!TrySplitHostPort(text, defaultPort, out string host, out int port, out error))
        {
            return false;
        }

        string? user = null;
        string? password = null;
        if (userInfo is not null)
        {
            int colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon >= 0 ? userInfo[..colon] : userInfo);
            password = colon >= 0 ? Uri.UnescapeDataString(userInfo[(colon + 1)..]) : null;
        }

        try
        {
            options = new Socks5ProxyOptions(host, port) { ResolveHostRemotely = remote, Username = user, Password = password };
            return true;
        }
        catch (ArgumentException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    private static bool TrySplitHostPort(string text, int defaultPort, out string host, out int port, out string? error)
    {
        host = text;
        port = defaultPort;
        error = null;
        string portText = "";
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"Invalid proxy address '{text}': missing ']' after the IPv6 address.";
                return false;
            }

            host = text[1..close];
            string rest = text[(close + 1)..];
            if (rest.Length > 0)
            {
                if (!rest.StartsWith(':'))
                {
                    error = $"Invalid proxy address '{text}': expected ':port' after the IPv6 address.";
                    return false;
                }

                portText = rest[1..];
            }
        }
        else if (!IPAddress.TryParse(text, out IPAddress? literal) || literal.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            int colon = text.LastIndexOf(':');
            if (colon >= 0)
            {
                host = text[..colon];
                portText = text[(colon + 1)..];
            }
        }

        if (string.IsNullOrWhiteSpace(host))
        {
            error = $"Invalid proxy address '{text}': the proxy's IP address or name is missing (socks5://address).";
            return false;
        }

        if (portText.Length > 0 && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            error = $"Invalid proxy port '{portText}': use 1 to 65535.";
            return false;
        }

        if (port is < 1 or > 65535)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"Invalid proxy port {port}: use 1 to 65535 (default 1080).");
            return false;
        }

        return true;
    }

    /// <summary>The address for a message, without any user information.</summary>
    private static string Describe(string address)
    {
        int at = address.LastIndexOf('@');
        int scheme = address.IndexOf("://", StringComparison.Ordinal);
        return at < 0 ? address : at > scheme && scheme >= 0 ? address[..(scheme + 3)] + "***@" + address[(at + 1)..] : "***@" + address[(at + 1)..];
    }

    private static string? CheckCredential(string? value, string what)
    {
        if (value is not null && Encoding.UTF8.GetByteCount(value) > 255)
        {
            // The value itself is never part of the message.
            throw new ArgumentException($"The SOCKS5 {(what == nameof(Username) ? "user name" : "password")} is too long: at most 255 bytes in UTF-8 (RFC 1929).", what);
        }

        return value;
    }
}
