using System.CommandLine;
using System.Globalization;
using WLSockets.Cli.Infrastructure;
using WLSockets.Fax;

namespace WLSockets.Cli.Commands;

/// <summary>
/// <c>wlsock fax</c>: send faxes and manage the queue of a HylaFAX server (the WinDev "Envoi d'un fax" example). The
/// server drives the modem; wlsock only speaks its client/server protocol.
/// </summary>
internal sealed class FaxCommand : Command
{
    public const string ServerVariable = "WLSOCK_FAX_SERVER";

    private readonly CliConsole _console;

    private readonly Option<string> _server = new("--server", "-s")
    {
        Description = $"The HylaFAX server: HOST or HOST:PORT ([v6]:PORT), port 4559 by default. Default: ${ServerVariable}.",
        Recursive = true,
    };

    private readonly Option<string> _user = new("--user", "-u")
    {
        Description = "User name to log in with (default: the current system user).",
        Recursive = true,
    };

    private readonly Option<string> _passwordEnv = new("--password-env")
    {
        Description = "Name of the environment variable holding the password, when the server asks for one (never on the command line).",
        HelpName = "VAR",
        Recursive = true,
    };

    private readonly Option<int?> _timeout = NumberArguments.AtLeast("--timeout", "-t", 1, "MS",
        "Milliseconds to wait for each server reply and for the connection (default 30000).");

    public FaxCommand(CliConsole console)
        : base("fax", "Send faxes through a HylaFAX server and manage its queue: 'wlsock fax send', 'queue', 'status', 'restart', 'kill'. The server dials out on its modem.")
    {
        _console = console;
        _timeout.Recursive = true;
        Options.Add(_server);
        Options.Add(_user);
        Options.Add(_passwordEnv);
        Options.Add(_timeout);
        Send = BuildSend();
        Subcommands.Add(Send);
        Subcommands.Add(BuildQueue());
        Subcommands.Add(JobCommand("status", "Show one job (send queue or done queue).", async (client, id, ct) =>
        {
            _console.WriteLine(Describe(await client.GetJobAsync(id, ct)));
        }));
        Subcommands.Add(JobCommand("restart", "Restart a job waiting in the send queue (the server takes it again at once).", async (client, id, ct) =>
        {
            await client.RestartAsync(id, ct);
            _console.WriteLine($"job {id} restarted");
        }));
        Subcommands.Add(JobCommand("kill", "Kill a job: it leaves the send queue and ends in the done queue as failed (\"Job aborted by request\").", async (client, id, ct) =>
        {
            await client.KillAsync(id, ct);
            _console.WriteLine($"job {id} killed");
        }));
    }

    public Command Send { get; }

    public static string Usage => "'wlsock fax send', 'wlsock fax queue', 'wlsock fax status', 'wlsock fax restart' or 'wlsock fax kill'";

    private Command BuildSend()
    {
        var to = new Option<string>("--to")
        {
            Description = "The fax number to dial, as the server's dial rules accept it.",
            Required = true,
        };
        var files = new Argument<string[]>("FILE")
        {
            Description = "Documents to fax, in order: PDF, PostScript or TIFF files (recognised by their content).",
            Arity = ArgumentArity.OneOrMore,
        };
        var cover = new Option<string>("--cover") { Description = "A cover page (PDF, PostScript or TIFF) sent first." };
        var fine = new Option<bool>("--fine") { Description = "Fine resolution (196 lines per inch) instead of standard (98)." };
        var tries = NumberArguments.AtLeast("--max-tries", 1, "N", "Attempts before the server gives up (default: the server's, 3 on Debian).");
        var name = new Option<string>("--name") { Description = "A name for the job (shown by 'queue'; the fax name of WinDev's FaxEnvoie)." };
        var notify = new Option<string>("--notify")
        {
            Description = "When the server e-mails a notice: none (default), done, requeue, done+requeue.",
        };
        notify.AcceptOnlyFromAmong("none", "done", "requeue", "done+requeue");
        var command = new Command("send", "Upload the FILEs and queue them as one fax to --to. Prints the job number; the server sends it later.")
        {
            to, files, cover, fine, tries, name, notify,
        };
        command.SetAction(async (parseResult, ct) =>
        {
            string[] paths = parseResult.GetValue(files) ?? [];
            string? coverPath = parseResult.GetValue(cover);
            var request = new FaxSendRequest(parseResult.GetValue(to) ?? "", paths)
            {
                CoverDocument = coverPath,
                Resolution = parseResult.GetValue(fine) ? FaxResolution.Fine : FaxResolution.Standard,
                MaxTries = parseResult.GetValue(tries),
                Tag = parseResult.GetValue(name),
                Notification = (parseResult.GetValue(notify) ?? "none") switch
                {
                    "done" => FaxNotification.WhenDone,
                    "requeue" => FaxNotification.WhenRequeued,
                    "done+requeue" => FaxNotification.WhenDoneOrRequeued,
                    _ => FaxNotification.None,
                },
            };
            long total = 0;
            foreach (string path in paths.Prepend(coverPath).OfType<string>())
            {
                total += File.Exists(path) ? new FileInfo(path).Length : 0;
            }

            await using FaxClient client = await ConnectAsync(parseResult, ct);
            var progress = new UploadProgress(_console, total);
            int id;
            try
            {
                id = await client.SubmitAsync(request, progress, ct);
            }
            finally
            {
                progress.End();
            }

            _console.WriteLine($"job {id} queued for {request.Destination} on {client.Server}");
            return ExitCodes.Success;
        });
        return command;
    }

    private Command BuildQueue()
    {
        var done = new Option<bool>("--done", "-d") { Description = "List the done queue (sent, failed, killed) instead of the send queue." };
        var command = new Command("queue", "List the jobs of the send queue (waiting or being sent), or of the done queue with --done.") { done };
        command.SetAction(async (parseResult, ct) =>
        {
            await using FaxClient client = await ConnectAsync(parseResult, ct);
            bool doneQueue = parseResult.GetValue(done);
            IReadOnlyList<FaxJob> jobs = doneQueue ? await client.ListDoneQueueAsync(ct) : await client.ListSendQueueAsync(ct);
            if (jobs.Count == 0)
            {
                _console.ReportNote(doneQueue ? "the done queue is empty" : "the send queue is empty");
            }

            foreach (FaxJob job in jobs.OrderBy(j => j.Id))
            {
                _console.WriteLine(Describe(job));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private Command JobCommand(string name, string description, Func<FaxClient, int, CancellationToken, Task> action)
    {
        Argument<int> job = NumberArguments.AtLeastArgument("JOB", 1, "The job number (as 'wlsock fax send' printed it or 'wlsock fax queue' lists it).");
        var command = new Command(name, description) { job };
        command.SetAction(async (parseResult, ct) =>
        {
            await using FaxClient client = await ConnectAsync(parseResult, ct);
            await action(client, parseResult.GetValue(job), ct);
            return ExitCodes.Success;
        });
        return command;
    }

    private async Task<FaxClient> ConnectAsync(ParseResult parseResult, CancellationToken ct)
    {
        string? server = parseResult.GetValue(_server) ?? Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new UsageException(
                $"no fax server configured: give --server HOST[:PORT] or set {ServerVariable}=HOST[:PORT] (a HylaFAX server, port 4559 by default; " +
                "on Debian: apt-get install hylafax-server, then configure its modem with faxsetup). wlsock does not drive a modem itself: the server does.");
        }

        if (!FaxClient.TryParseServer(server, out string host, out int port))
        {
            throw new UsageException($"invalid fax server '{server}': use HOST, HOST:PORT or [IPv6]:PORT (port 1 to 65535).");
        }

        var options = new FaxClientOptions();
        if (parseResult.GetValue(_user) is { Length: > 0 } user)
        {
            options.User = user;
        }

        if (parseResult.GetValue(_passwordEnv) is { } variable)
        {
            options.Password = Environment.GetEnvironmentVariable(variable)
                ?? throw new UsageException($"The environment variable '{variable}' named by --password-env is not set: export {variable}=... first (the password is never given on the command line).");
        }

        if (parseResult.GetValue(_timeout) is { } ms)
        {
            options.CommandTimeout = options.ConnectTimeout = TimeSpan.FromMilliseconds(ms);
        }

        return await FaxClient.ConnectAsync(host, port, options, ct);
    }

    private static string Describe(FaxJob job)
    {
        string state = job.State.ToString().ToLowerInvariant();
        string line = string.Create(CultureInfo.InvariantCulture,
            $"job {job.Id}  {state,-9}  to {job.Destination}  pages {job.PagesSent}/{job.TotalPages}  tries {job.Tries}/{job.MaxTries}  owner {job.Owner}");
        if (job.Tag.Length > 0)
        {
            line += $"  name \"{job.Tag}\"";
        }

        return job.Status.Length > 0 ? $"{line}  ({job.Status})" : line;
    }

    /// <summary>
    /// The upload progress on stderr: one line rewritten in place on a terminal, else a line at each quarter, so a log
    /// stays short. Reports come on the uploading thread, in order.
    /// </summary>
    private sealed class UploadProgress(CliConsole console, long total) : IProgress<long>
    {
        private readonly bool _terminal = !Console.IsErrorRedirected;
        private int _lastQuarter = -1;
        private bool _drawn;

        public void Report(long value)
        {
            int percent = total <= 0 ? 100 : (int)Math.Min(100, value * 100 / total);
            if (_terminal)
            {
                console.Error.Write($"\rwlsock: uploading {value:N0} / {total:N0} bytes ({percent}%)");
                _drawn = true;
            }
            else if (percent / 25 > _lastQuarter)
            {
                _lastQuarter = percent / 25;
                console.ReportNote($"uploading {value:N0} / {total:N0} bytes ({percent}%)");
            }
        }

        public void End()
        {
            if (_drawn)
            {
                console.Error.WriteLine();
            }
        }
    }
}
