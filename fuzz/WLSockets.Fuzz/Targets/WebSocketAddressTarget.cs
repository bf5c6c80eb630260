using System.Text;
using WLSockets.WLangage;

namespace WLSockets.Fuzz.Targets;

/// <summary>
/// The text a program passes on to a connection: the WebSocket facade's server address and path (built into a
/// <c>ws://</c> URI) and a SOCKS5 proxy address (<c>socks5://user:password@host:port</c>). The input, as UTF-8, is split
/// on its first NUL into address and path. Invariants: a URI is absolute, <c>ws</c> or <c>wss</c>, with the given port;
/// refusals are <see cref="WLSocketError.InvalidArgument"/> / <see cref="FormatException"/>; a proxy password never
/// appears in an error or in the options' text.
/// </summary>
internal sealed class WebSocketAddressTarget : ParserTarget
{
    public override string Name => "address-text";

    public override IReadOnlyList<byte[]> Seeds { get; } =
    [
        "monserveur.com\0/MonProjetServeurWebSocket"u8.ToArray(), "192.168.100.1\0"u8.ToArray(), "::1\0chat?x=1"u8.ToArray(),
        "ws://host\0/"u8.ToArray(), "[::1]\0/a b"u8.ToArray(), "socks5://USER:PWD@172.17.2.79:1080\0"u8.ToArray(),
        "socks5h://[::1]\0"u8.ToArray(), "http://user:s3cret@127.0.0.1\0"u8.ToArray(), "socks5://u:p%41ss@h:99999\0"u8.ToArray(),
    ];

    public override void Run(ReadOnlySpan<byte> input)
    {
        string text = Encoding.UTF8.GetString(input);
        int nul = text.IndexOf('\0', StringComparison.Ordinal);
        string address = nul < 0 ? text : text[..nul];
        string path = nul < 0 ? "/" : text[(nul + 1)..];
        int port = 1 + (input.Length * 7919 % 65535);
        try
        {
            (Uri uri, WebSocketConnectionOptions _) = SocketRuntime.WebSocketRequest(address, port, path, "", TimeSpan.FromSeconds(1), (input.Length & 1) == 0 ? null : 0);
            Check(uri.IsAbsoluteUri && uri.Scheme is "ws" or "wss" && uri.Port == port, $"'{address}' + '{path}' gave {uri}.");
        }
        catch (WLSocketException ex)
        {
            ExpectDocumented(ex, 1000 + (3 * text.Length), WLSocketError.InvalidArgument);
        }

        // A password is replaced by a sentinel that can appear nowhere else, then looked for in what the parser says.
        const string Sentinel = "Zq9xS3cr3tZq9x";
        int at = address.LastIndexOf('@');
        int colon = at < 0 ? -1 : address.LastIndexOf(':', at);
        int userStart = address.IndexOf("://", StringComparison.Ordinal) is int scheme and >= 0 ? scheme + 3 : 0;
        if (colon > userStart)
        {
            address = address[..(colon + 1)] + Sentinel + address[at..];
        }

        if (Socks5ProxyOptions.TryParse(address, 1080, out Socks5ProxyOptions? options, out string? error))
        {
            Check(options is not null && options.Port is >= 1 and <= 65535, $"Proxy '{address}' parsed to port {options?.Port}.");
            Check(!options!.ToString().Contains(Sentinel, StringComparison.Ordinal) && !options.Host.Contains(Sentinel, StringComparison.Ordinal),
                $"The proxy's text shows its password: {options}");
        }
        else
        {
            Check(!string.IsNullOrWhiteSpace(error), "A refused proxy address without a reason.");
            Check(!error!.Contains(Sentinel, StringComparison.Ordinal), $"The password appears in the error: {error}");
        }
    }
}
