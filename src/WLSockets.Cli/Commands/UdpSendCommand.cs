using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Text;
using WLSockets.Cli.Infrastructure;

namespace WLSockets.Cli.Commands;

/// <summary><c>wlsock udp send HOST PORT [MESSAGE...]</c>: one datagram per message, optionally printing one reply each.</summary>
internal sealed class UdpSendCommand : Command
{
    private readonly CliConsole _console;

    private readonly Argument<string> _host = new("HOST")
    {
        Description = "Destination address or name: 127.0.0.1, ::1, [::1], localhost, a host name, a broadcast address.",
    };

    private readonly Argument<int> _port = NumberArguments.Port("Destination UDP port, 1 to 65535.", allowZero: false);

    private readonly Argument<string[]> _messages = new("MESSAGE")
    {
        Description = "Messages to send, one datagram each. None: each line of stdin is one datagram.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string> _encoding = EncodingOption.Create(
        "Encoding of text messages and replies: ansi (Windows-1252, WinDev ANSI strings), utf8, utf16 (UTF-16LE, WinDev Unicode strings).");

    private readonly Option<bool> _hex = new("--hex", "-x")
    {
        Description = "Messages (arguments or stdin lines) are hex to send as bytes; replies are printed as lowercase hex.",
    };

    private readonly Option<bool> _reply = new("--reply", "-r")
    {
        Description = "After each datagram, wait (at most --timeout) for one datagram back and print it on its own stdout line.",
    };

    private readonly Option<int?> _timeout = NumberArguments.AtLeast("--timeout", "-t", 1, "MS",
        "Milliseconds to wait for each reply with --reply, and for each send (name resolution included). Default 5000.");

    private readonly Option<bool> _verbose = new("--verbose", "-v")
    {
        Description = "Also note on stderr the local address datagrams are sent from and who each reply came from.",
    };

    public UdpSendCommand(CliConsole console)
        : base("send", "Send each MESSAGE (or each stdin line) as one UDP datagram to HOST:PORT, optionally printing one reply datagram per message.")
    {
        _console = console;
        Arguments.Add(_host);
        Arguments.Add(_port);
        Arguments.Add(_messages);
        Options.Add(_encoding);
        Options.Add(_hex);
        Options.Add(_reply);
        Options.Add(_timeout);
        Options.Add(_verbose);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        Encoding encoding = EncodingOption.Resolve(parseResult.GetValue(_encoding) ?? "ansi");
        bool hex = parseResult.GetValue(_hex);
        bool reply = parseResult.GetValue(_reply);
        bool verbose = parseResult.GetValue(_verbose);
        var timeout = TimeSpan.FromMilliseconds(parseResult.GetValue(_timeout) ?? 5000);
        string host = parseResult.GetValue(_host) ?? "";
        int port = parseResult.GetValue(_port);
        string[] arguments = parseResult.GetValue(_messages) ?? [];

        // Bad hex in the arguments is a usage error before anything is sent.
        List<byte[]>? given = arguments.Length > 0 ? [.. arguments.Select(m => MessageInput.Encode(m, hex, encoding))] : null;

        using DatagramSocket socket = BindFor(host);
        socket.Encoding = encoding;
        if (verbose)
        {
            _console.ReportNote($"sending from {socket.LocalEndPoint} to {host} port {port}");
        }

        try
        {
            IAsyncEnumerable<byte[]> messages = given is not null ? given.ToAsyncEnumerable() : MessageInput.ReadStdinAsync(hex, encoding, cancellationToken);
            await foreach (byte[] message in messages.WithCancellation(cancellationToken))
            {
                await SendAsync(socket, message, host, port, timeout, cancellationToken);
                if (reply)
                {
                    Datagram answer = await ReceiveReplyAsync(socket, timeout, cancellationToken);
                    if (verbose)
                    {
                        _console.ReportNote($"reply from {answer.Sender} ({ByteFormat.Count(answer.Length)})");
                    }

                    _console.WriteLine(ByteFormat.ForLine(answer.Data, hex, encoding));
                }
            }

            // Ctrl+C may end a stdin read as if it were the end of input.
            cancellationToken.ThrowIfCancellationRequested();
            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _console.ReportError("interrupted.");
            return ExitCodes.Interrupted;
        }
    }

    /// <summary>
    /// A socket on a free port that can reach <paramref name="host"/>: IPv4 for an IPv4 address, IPv6 and IPv4 (dual
    /// stack) for an IPv6 address or a name, IPv4 alone when this machine has no IPv6.
    /// </summary>
    private static DatagramSocket BindFor(string host)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? address) && address.AddressFamily == AddressFamily.InterNetwork)
        {
            return DatagramSocket.Bind("0.0.0.0", 0);
        }

        try
        {
            return DatagramSocket.Bind("::", 0);
        }
        catch (WLSocketException) when (address is null)
        {
            return DatagramSocket.Bind("0.0.0.0", 0);
        }
    }

    private static async Task SendAsync(DatagramSocket socket, byte[] message, string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(timeout);
        try
        {
            await socket.SendAsync(message, host, port, budget.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WLSocketException(WLSocketError.Timeout,
                $"Sending to {host} did not complete within {timeout.TotalMilliseconds:0} ms (resolving the name?). Use an IP address, or allow longer with --timeout.", ex);
        }
    }

    private static async Task<Datagram> ReceiveReplyAsync(DatagramSocket socket, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await socket.ReceiveAsync(timeout, cancellationToken);
        }
        catch (WLSocketException ex) when (ex.Error == WLSocketError.Timeout)
        {
            throw new WLSocketException(WLSocketError.Timeout,
                $"No reply datagram within {timeout.TotalMilliseconds:0} ms. Check that the peer answers to the sender's address and port (for a wlsock peer: udp listen --echo), that no firewall drops it, or allow longer with --timeout. UDP gives no error when nothing listens.", ex);
        }
    }
}
