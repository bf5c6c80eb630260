using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using WLSockets.Cli.Commands;
using WLSockets.Cli.Infrastructure;

namespace WLSockets.Cli;

/// <summary>Builds the <c>wlsock</c> command line and turns every expected failure into one stderr line and an exit code.</summary>
internal static class CliApp
{
    /// <param name="args">The command line.</param>
    /// <param name="benchBaselines">Extra systems for <c>wlsock bench</c> (bench/Baselines plugs DotNetty in).</param>
    public static async Task<int> RunAsync(string[] args, IReadOnlyList<Bench.IBenchSystem>? benchBaselines = null)
    {
        CliConsole console = CliConsole.CreateStandard();
        try
        {
            RootCommand root = Build(console, benchBaselines ?? []);
            ParseResult parseResult = root.Parse(args);
            if (parseResult.Action is ParseErrorAction && parseResult.Errors.Count > 0)
            {
                console.ReportError(DescribeParseErrors(parseResult));
                return ExitCodes.Usage;
            }

            RejectProxyOutsideClients(root, parseResult);
            var configuration = new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = TimeSpan.FromSeconds(5),
            };
            return await parseResult.InvokeAsync(configuration);
        }
        catch (UsageException ex)
        {
            console.ReportError(ex.Message);
            return ExitCodes.Usage;
        }
        catch (WLSocketException ex)
        {
            console.ReportError(ex.Message);
            return ExitCodes.Failure;
        }
        catch (CliFailureException ex)
        {
            console.ReportError(ex.Message);
            return ExitCodes.Failure;
        }
        catch (IOException ex)
        {
            console.ReportError($"cannot write the output: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Not an expected failure: one line, the details on request.
            console.ReportError($"unexpected {ex.GetType().Name}: {ex.Message} (set WLSOCK_DEBUG=1 to see the details, and please report it)");
            if (Environment.GetEnvironmentVariable("WLSOCK_DEBUG") is "1" or "true")
            {
                console.WriteErrorLine(ex.ToString());
            }

            return ExitCodes.Failure;
        }
        finally
        {
            console.Flush();
        }
    }

    private static RootCommand Build(CliConsole console, IReadOnlyList<Bench.IBenchSystem> benchBaselines)
    {
        var bench = new BenchCommand(console, benchBaselines);
        var listen = new ListenCommand(console);
        var proxy = new ProxyOptions();
        var send = new SendCommand(console, proxy);
        var ws = new WsCommand(console, proxy);
        var demo = new DemoCommand(console);
        var trace = new TraceCommand(console);
        var udp = new UdpCommand(console);
        var bt = RadioGroupCommand.Bluetooth(console);
        var ir = RadioGroupCommand.Infrared(console);
        var messenger = new MessengerCommand(console);
        var chat = new ChatCommand(console);
        var fax = new FaxCommand(console);
        var root = new RootCommand(
            "wlsock: talk byte-exact to WinDev/WLangage socket applications from the command line. A netcat that speaks " +
            "WinDev's socket framings (transmission modes): the length prefix of SocketTailleDébut (WinDev's default), " +
            "the end markers of SocketMarqueurFin and SocketMarqueurFinBuffer, and raw bytes (SocketSansMarqueurFin), " +
            "with ANSI (Windows-1252), UTF-8 or UTF-16LE text, over TCP or TLS (--tls), optionally through a SOCKS5 proxy (--socks5); WebSocket messages (wlsock ws); UDP datagrams (wlsock udp); Bluetooth RFCOMM (wlsock bt) and infrared (wlsock ir); a tracing relay between a WinDev client and server (wlsock trace). " +
            "Run 'wlsock demo' to see every framing on the wire.")
        {
            listen,
            send,
            ws,
            udp,
            bt,
            ir,
            chat,
            fax,
            demo,
            trace,
        };
        root.Subcommands.Add(messenger);
        proxy.AddTo(root);
        root.Subcommands.Add(bench);

        var sections = new Dictionary<Command, string[]>
        {
            [root] = [HelpText.Root],
            [bench] = [HelpText.Bench],
            [listen] = [HelpText.Listen, HelpText.ListenTls, HelpText.Modes, HelpText.Markers, HelpText.Encodings],
            [send] = [HelpText.Send, HelpText.SendTls, HelpText.Socks5, HelpText.Modes, HelpText.Markers, HelpText.Encodings],
            [ws] = [HelpText.WebSocket, HelpText.Socks5],
            [udp] = [HelpText.Udp],
            [udp.Listen] = [HelpText.UdpListen, HelpText.UdpEncodings],
            [udp.Send] = [HelpText.UdpSend, HelpText.UdpEncodings],
            [bt] = [HelpText.Bluetooth],
            [bt.Listen] = [HelpText.Bluetooth, HelpText.Modes, HelpText.Markers, HelpText.Encodings],
            [bt.Send] = [HelpText.Bluetooth, HelpText.Modes, HelpText.Markers, HelpText.Encodings],
            [ir] = [HelpText.Infrared],
            [ir.Listen] = [HelpText.Infrared, HelpText.Modes, HelpText.Markers, HelpText.Encodings],
            [ir.Send] = [HelpText.Infrared, HelpText.Modes, HelpText.Markers, HelpText.Encodings],
            [demo] = [HelpText.Demo],
            [messenger] = [MessengerCommand.Examples, MessengerSession.Commands, MessengerTerminal.Keys, MessengerLineMode.Output],
            [messenger.Contacts] = [MessengerCommand.Examples],
            [chat] = [HelpText.Chat],
            [chat.Server] = [HelpText.Chat],
            [chat.Client] = [HelpText.Chat],
            [trace] = [HelpText.Trace],
            [fax] = [HelpText.Fax],
        };
        foreach (Option option in root.Options)
        {
            if (option is HelpOption help && help.Action is HelpAction standard)
            {
                help.Action = new HelpWithSectionsAction(standard, sections);
            }
        }

        return root;
    }

    /// <summary>The SOCKS5 options are global for convenience, but only <c>send</c> and <c>ws</c> connect through a proxy.</summary>
    /// <exception cref="UsageException">One was given to another command.</exception>
    private static void RejectProxyOutsideClients(RootCommand root, ParseResult parseResult)
    {
        if (parseResult.CommandResult.Command is SendCommand or WsCommand || parseResult.Errors.Count > 0 || parseResult.Action is HelpWithSectionsAction or HelpAction)
        {
            return;
        }

        foreach (Option option in root.Options.Where(o => o.Name.StartsWith("--socks", StringComparison.Ordinal)))
        {
            if (OptionChecks.Given(parseResult, option))
            {
                throw new UsageException($"{option.Name} applies to the client commands 'wlsock send' and 'wlsock ws' only, not to '{CommandPath(parseResult.CommandResult)}'.");
            }
        }
    }

    private static string DescribeParseErrors(ParseResult parseResult)
    {
        Command command = parseResult.CommandResult.Command;
        const string Commands = "use 'wlsock listen', 'wlsock send', 'wlsock ws', 'wlsock udp listen', 'wlsock udp send', 'wlsock bt', 'wlsock ir', 'wlsock trace', 'wlsock chat', 'wlsock messenger', 'wlsock fax', 'wlsock bench' or 'wlsock demo' (see 'wlsock --help')";
        if (command is RootCommand && parseResult.Tokens.Count == 0)
        {
            return $"no command given: {Commands}.";
        }

        if (command is RootCommand && parseResult.UnmatchedTokens.Count > 0)
        {
            return $"unknown command '{parseResult.UnmatchedTokens[0]}': {Commands}.";
        }

        if (command is UdpCommand)
        {
            return parseResult.UnmatchedTokens.Count > 0
                ? $"unknown UDP command '{parseResult.UnmatchedTokens[0]}': use 'wlsock udp listen' or 'wlsock udp send' (see 'wlsock udp --help')."
                : "no UDP command given: use 'wlsock udp listen PORT' or 'wlsock udp send HOST PORT MESSAGE...' (see 'wlsock udp --help').";
        }

        if (command is ChatCommand)
        {
            return parseResult.UnmatchedTokens.Count > 0
                ? $"unknown chat command '{parseResult.UnmatchedTokens[0]}': use 'wlsock chat server' or 'wlsock chat client HOST' (see 'wlsock chat --help')."
                : "no chat command given: use 'wlsock chat server' or 'wlsock chat client HOST' (see 'wlsock chat --help').";
        }

        if (command is FaxCommand)
        {
            return parseResult.UnmatchedTokens.Count > 0
                ? $"unknown fax command '{parseResult.UnmatchedTokens[0]}': use {FaxCommand.Usage} (see 'wlsock fax --help')."
                : $"no fax command given: use {FaxCommand.Usage} (see 'wlsock fax --help').";
        }

        if (command is RadioGroupCommand group)
        {
            return parseResult.UnmatchedTokens.Count > 0
                ? $"unknown {group.Name} command '{parseResult.UnmatchedTokens[0]}': use {group.Usage}."
                : $"no {group.Name} command given: use {group.Usage}.";
        }

        string path = CommandPath(parseResult.CommandResult);
        string[] missing = [.. command.Arguments
            .Where(a => a.Arity.MinimumNumberOfValues > 0 && (parseResult.GetResult(a) is not { } r || r.Tokens.Count == 0))
            .Select(a => a.Name)];
        IEnumerable<string> messages = parseResult.Errors
            .Select(e => e.Message)
            .Where(m => missing.Length == 0 || !m.StartsWith("Required argument missing", StringComparison.Ordinal));
        if (missing.Length > 0)
        {
            messages = messages.Prepend($"Missing {string.Join(" and ", missing)}.");
        }

        string errors = string.Join(" ", messages.Select(m => m.TrimEnd('.') + "."));
        return $"{errors} See '{path} --help'.";
    }

    /// <summary><c>wlsock</c>, <c>wlsock send</c>, <c>wlsock udp listen</c> ...</summary>
    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is not null; current = current.Parent)
        {
            if (current is CommandResult { Command: not RootCommand } commandResult)
            {
                names.Insert(0, commandResult.Command.Name);
            }
        }

        return string.Join(' ', names.Prepend("wlsock"));
    }
}
