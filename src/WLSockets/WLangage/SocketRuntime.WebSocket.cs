using System.Net;
using System.Net.Sockets;
using System.Text;
using WLSockets.Internal;

namespace WLSockets.WLangage;

/// <summary>
/// <c>WebSocketClientConnecte</c> / <c>WebSocketClientConnecteSSL</c> (both syntaxes) and the WebSocket branches of
/// <c>SocketEcrit</c>, <c>SocketLit</c>, <c>SocketChangeModeTransmission</c> (open questions W1–W14).
/// </summary>
internal static partial class SocketRuntime
{
    public const int DefaultWebSocketPort = 80;
    public const int DefaultSecureWebSocketPort = 443;

    // Callback events: WinDev does not document the values (they never reach the wire).
    public const int EventOpening = 1;
    public const int EventMessage = 2;
    public const int EventClosing = 3;
    public const int EventError = 4;

    public static bool WebSocketConnect(string fn, string name, string address, int port, string path, string protocols, TimeSpan timeout, int? sslOptions) => Run(fn, false, () =>
    {
        SocketRegistry.EnsureFree(name);
        (Uri uri, WebSocketConnectionOptions options) = WebSocketRequest(address, port, path, protocols, timeout, sslOptions);
        WebSocketConnection connection = WebSocketConnection.Connect(uri, options);
        SocketRegistry.Add(NamedSocket.ForWebSocket(name, WebSocketSession.Synchronous(connection)));
        return true;
    });

    public static void WebSocketConnectAsync(string fn, string name, Action<int, string> procedure, string address, int port, string path, string protocols, int? sslOptions) => Run(fn, false, () =>
    {
        ArgumentNullException.ThrowIfNull(procedure);
        var session = WebSocketSession.Asynchronous(procedure, SynchronizationContext.Current);
        NamedSocket entry;
        Uri uri;
        WebSocketConnectionOptions options;
        try
        {
            SocketRegistry.EnsureFree(name);
            (uri, options) = WebSocketRequest(address, port, path, protocols, TimeSpan.FromMilliseconds(DefaultConnectTimeoutMs), sslOptions);
            entry = NamedSocket.ForWebSocket(name, session);
            SocketRegistry.Add(entry); // the name is taken while connecting (W14)
        }
        catch (Exception ex) when (ex is WLSocketException or ArgumentException)
        {
            session.RaiseFailure(ex.Message); // the procedure hears of every failure (W9)
            throw;
        }

        session.Start(entry, uri, options);
        return true;
    });

    /// <summary>The URI and options of a facade connect: <c>ws[s]://address:port/path</c> (W7), protocols split on commas (W6).</summary>
    internal static (Uri Uri, WebSocketConnectionOptions Options) WebSocketRequest(string address, int port, string path, string protocols, TimeSpan timeout, int? sslOptions)
    {
        string host = (address ?? "").Trim();
        if (host.Length == 0)
        {
            throw new WLSocketException(WLSocketError.InvalidArgument, "The WebSocket server address is empty: give its name or IP address (for example \"monserveur.com\" or \"192.168.100.1\").");
        }

        if (host.Contains("://", StringComparison.Ordinal) || host.Contains('/', StringComparison.Ordinal))
        {
            throw new WLSocketException(WLSocketError.InvalidArgument,
                $"Invalid WebSocket server address '{host}': give only the name or IP address, without ws:// or wss:// and without a path; the port and the path are separate parameters.");
        }

        ValidatePort(port);
        bool isLiteral = IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? literal);
        if (isLiteral && literal!.AddressFamily == AddressFamily.InterNetworkV6)
        {
            host = $"[{literal}]";
        }
        else if (!isLiteral && host.FirstOrDefault(c => c is '?' or '#' or '@' or '\\' or '%' or ':' or '[' or ']' || char.IsWhiteSpace(c) || char.IsControl(c)) is var bad and not '\0')
        {
            // Found by fuzzing: "host#x" or "host?x" moved the port into the fragment or query, so the connection went
            // to another port (443/80) than the one given; "user@host" sent a login. The address is echoed unless it
            // may hold a login.
            string shown = host.Contains('@', StringComparison.Ordinal) ? "(not shown: it contains '@')" : $"'{host}'";
            throw new WLSocketException(WLSocketError.InvalidArgument,
                $"Invalid WebSocket server address {shown}: a host name cannot contain {(char.IsControl(bad) || char.IsWhiteSpace(bad) ? $"U+{(int)bad:X4}" : $"'{bad}'")}; give only the name or IP address, the port and the path are separate parameters.");
        }

        // W7: "" means "/", a missing leading "/" is added, the rest (a query string too) is kept as is.
        string fullPath = string.IsNullOrEmpty(path) ? "/" : path.StartsWith('/') ? path : "/" + path;
        string scheme = sslOptions is null ? "ws" : "wss";
        if (!Uri.TryCreate($"{scheme}://{host}:{port}{fullPath}", UriKind.Absolute, out Uri? uri) || uri.Port != port || uri.UserInfo.Length > 0)
        {
            throw new WLSocketException(WLSocketError.InvalidArgument, $"Invalid WebSocket address {scheme}://{host}:{port}{fullPath}: check the server address and the path.");
        }

        var options = new WebSocketConnectionOptions
        {
            ConnectTimeout = timeout,
            KeepAliveInterval = WLangageSettings.WebSocketKeepAliveInterval,
            MaxMessageSize = WLangageSettings.MaxMessageSize,
            Proxy = WLangageSettings.Proxy, // SocketProxy, read at connect time (P1)
        };
        foreach (string protocol in (protocols ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            options.SubProtocols.Add(protocol);
        }

        if (sslOptions is { } flags)
        {
            options.Tls = new TlsClientOptions
            {
                EnabledProtocols = TlsOptionFlags.ToProtocols(flags),
                AllowInvalidCertificate = WLangageSettings.AcceptInvalidCertificates,
                CertificateValidation = WLangageSettings.CertificateValidation,
            };
        }

        return (uri, options);
    }

    /// <summary><c>SocketEcrit</c> on a WebSocket: a string is one text frame (UTF-8), a buffer one binary frame (W1).</summary>
    private static bool WriteWebSocket(string name, WebSocketSession session, string? text, byte[]? bytes)
    {
        WebSocketConnection connection = session.ConnectionForIo(name);
        if (text is not null)
        {
            connection.Send(text);
        }
        else
        {
            connection.Send(bytes!);
        }

        return true;
    }

    /// <summary><c>SocketLit</c> on a WebSocket: one whole message (the byte count is ignored, W3); strings decode it as UTF-8.</summary>
    private static WLData ReadWebSocket(string name, WebSocketSession session, Deadline deadline)
    {
        if (session.IsAsynchronous)
        {
            throw new WLSocketException(WLSocketError.InvalidSocketKind,
                $"The WebSocket '{name}' is in asynchronous mode (opened with a callback procedure): its messages go to the procedure with the SocketMessage event, not to SocketLit.");
        }

        WebSocketConnection connection = session.ConnectionForIo(name);
        try
        {
            return new WLData(Sync.Result(connection.ReceiveCoreAsync(IOBehavior.Synchronous, deadline, default)).Data, Encoding.UTF8);
        }
        catch (WLSocketException ex) when (ex.Error == WLSocketError.Timeout)
        {
            return WLData.Empty; // a read timeout is not an error in WLangage
        }
    }

    /// <summary><c>SocketChangeModeTransmission</c> on a WebSocket: the frames delimit the messages, the mode stays raw.</summary>
    private static bool WebSocketKeepsRawMode(string name, int mode)
    {
        if (mode == (int)TransmissionMode.NoEndTag)
        {
            return true;
        }

        throw new WLSocketException(WLSocketError.InvalidSocketKind,
            $"The WebSocket '{name}' always works in SocketSansMarqueurFin mode: the WebSocket frames delimit each message. Its mode is unchanged.");
    }
}
