using System.CommandLine;
using System.Text;
using WLSockets.Chat;
using WLSockets.Cli.Infrastructure;

namespace WLSockets.Cli.Commands;

/// <summary>
/// <c>wlsock chat client HOST</c>: the WinDev example's chat client. On a terminal, a full-screen chat; otherwise a
/// line mode for scripts (stdin lines are sent, messages printed on stdout).
/// </summary>
internal sealed class ChatClientCommand : Command
{
    /// <summary>How long the line mode waits, once stdin has ended, for the echo of what it sent.</summary>
    private static readonly TimeSpan s_echoWait = TimeSpan.FromSeconds(5);
    private readonly CliConsole _console;

    private readonly Argument<string> _host = new("HOST") { Description = "The chat server: an IP address or a host name." };

    private readonly Option<int?> _port = ChatCommand.PortOption("The server's TCP port (WinDev's example uses 5010).", allowZero: false);

    private readonly Option<string> _nick = new("--nick", "-n")
    {
        Description = "Your nickname, put before each message as \"nick : text\" (default: this machine's name, as in WinDev).",
        HelpName = "NAME",
        DefaultValueFactory = _ => Environment.MachineName,
    };

    private readonly Option<bool> _rtf = new("--rtf")
    {
        Description = "Send each message as the RTF document the WinDev client sends (bold nickname); incoming RTF is always shown as text.",
    };

    public ChatClientCommand(CliConsole console)
        : base("client", "Join a chat server (WinDev's or 'wlsock chat server'). On a terminal: a chat screen (Enter sends, Esc or Ctrl+C quits). Otherwise: each stdin line is sent, each message received is printed on stdout; at the end of stdin the client waits for the echo of what it sent, says BYE and exits.")
    {
        _console = console;
        _nick.Validators.Add(r =>
        {
            string nick = r.GetValueOrDefault<string>() ?? "";
            if (nick.Length is 0 or > 64 || nick.Any(char.IsControl) || nick.Contains(ChatProtocol.NicknameSeparator, StringComparison.Ordinal))
            {
                r.AddError($"Invalid nickname '{nick}': use 1 to 64 characters, without control characters or \" : \".");
            }
        });
        Arguments.Add(_host);
        Options.Add(_port);
        Options.Add(_nick);
        Options.Add(_rtf);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        string host = parseResult.GetValue(_host) ?? "";
        int port = parseResult.GetValue(_port) ?? ChatProtocol.DefaultPort;
        string nick = parseResult.GetValue(_nick) ?? Environment.MachineName;
        await using ChatClient client = await ChatClient.ConnectAsync(host, port, nick, parseResult.GetValue(_rtf), cancellationToken);
        return Console.IsInputRedirected || Console.IsOutputRedirected
            ? await RunLinesAsync(client, cancellationToken)
            : await ChatClientScreen.RunAsync(client, host, cancellationToken);
    }

    /// <summary>The scriptable mode: stdin lines out, messages in on stdout.</summary>
    private async Task<int> RunLinesAsync(ChatClient client, CancellationToken cancellationToken)
    {
        var sent = new List<byte[]>();
        var echoed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int stdinDone = 0;
        int pendingEchoes = 0;
        Task<int> receiving = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    ChatLine line = await client.ReceiveAsync(cancellationToken);
                    _console.WriteLine(ByteFormat.EscapeControls(line.Text));
                    lock (sent)
                    {
                        int index = sent.FindIndex(s => s.AsSpan().SequenceEqual(line.Raw));
                        if (index >= 0)
                        {
                            sent.RemoveAt(index);
                            if (--pendingEchoes == 0 && Volatile.Read(ref stdinDone) == 1)
                            {
                                echoed.TrySetResult();
                            }
                        }
                    }
                }
            }
            catch (WLSocketException ex) when (ex.Error is WLSocketError.ConnectionClosed or WLSocketError.ConnectionReset)
            {
                echoed.TrySetResult();
                return ExitCodes.Failure;
            }
            catch (OperationCanceledException)
            {
                return ExitCodes.Interrupted;
            }
        }, CancellationToken.None);

        using var stdin = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
        while (await stdin.ReadLineAsync(cancellationToken) is { } text)
        {
            if (text.Length == 0)
            {
                continue; // as the WinDev client, an empty message is not sent
            }

            lock (sent)
            {
                sent.Add(client.Encoding.GetBytes(client.Compose(text)));
                pendingEchoes++;
            }

            await client.SendAsync(text, cancellationToken);
        }

        lock (sent)
        {
            Volatile.Write(ref stdinDone, 1);
            if (pendingEchoes == 0)
            {
                echoed.TrySetResult();
            }
        }

        try
        {
            await echoed.Task.WaitAsync(s_echoWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            _console.ReportWarning($"the server did not send back every message within {s_echoWait.TotalSeconds:0} s; leaving anyway");
        }

        if (receiving.IsCompleted && await receiving == ExitCodes.Failure)
        {
            throw new CliFailureException("the server closed the connection.");
        }

        return ExitCodes.Success;
    }
}
