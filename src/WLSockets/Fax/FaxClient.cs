using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using WLSockets.Internal;
using WLSockets.Transports;
using WLSockets.Transports.Tcp;

namespace WLSockets.Fax;

/// <summary>
/// A client of the HylaFAX client/server protocol (<c>hfaxd</c>, TCP port 4559): an FTP-like text protocol to upload
/// documents, create and submit send jobs, and list and control the queues. The server drives the modems.
/// </summary>
/// <remarks>
/// <para>Every wait has a time limit (<see cref="FaxClientOptions"/>); failures throw <see cref="WLSocketException"/>
/// whose message quotes the server's reply. After a timeout, a protocol violation or a broken transfer the connection
/// is unusable: later calls fail with the same error.</para>
/// <para>Thread safety: calls may come from several threads; they run one at a time (the protocol is sequential).</para>
/// </remarks>
public sealed partial class FaxClient : IAsyncDisposable, IDisposable
{
    /// <summary>The HylaFAX client/server port.</summary>
    public const int DefaultPort = 4559;

    private const int ChunkSize = 64 * 1024;

    private readonly Socket _socket;
    private readonly FaxClientOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly byte[] _buffer;
    private readonly string _target;
    private readonly string _host;
    private readonly int _port;
    private int _start;
    private int _end;
    private Exception? _broken;
    private bool _disposed;

    private FaxClient(Socket socket, FaxClientOptions options, string host, int port)
    {
        _host = host;
        _port = port;
        string target = TcpConnector.FormatTarget(host, port);
        _socket = socket;
        _options = options;
        _target = target;
        _buffer = new byte[options.MaxReplyBytes + FaxReplyParser.MaxLineBytes];
    }

    /// <summary>The server's greeting ("220 host server (HylaFAX (tm) Version 6.0.7) ready.").</summary>
    public string Greeting { get; private set; } = "";

    /// <summary>The user logged in.</summary>
    public string User => _options.User;

    /// <summary>The server as <c>host:port</c>.</summary>
    public string Server => _target;

    /// <summary>
    /// Connects to a HylaFAX server, reads its greeting and logs in (<c>USER</c>, then <c>PASS</c> when the server asks).
    /// </summary>
    /// <exception cref="WLSocketException">Refused, unreachable, timed out (<see cref="WLSocketError.Timeout"/>), or the
    /// login refused (<see cref="WLSocketError.FaxLoginRefused"/>).</exception>
    public static async Task<FaxClient> ConnectAsync(string host, int port = DefaultPort, FaxClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        options ??= new FaxClientOptions();
        options.Validate();
        Socket socket = await TcpConnector.ConnectAsync(host, port, noDelay: true, Deadline.After(options.ConnectTimeout), cancellationToken).ConfigureAwait(false);
        var client = new FaxClient(socket, options, host, port);
        try
        {
            await client.LoginAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Parses "host", "host:port", "[v6]" or "[v6]:port" (default port 4559).</summary>
    /// <returns>False when the text is empty or the port is not 1 to 65535.</returns>
    public static bool TryParseServer(string? text, out string host, out int port)
    {
        host = "";
        port = DefaultPort;
        string value = (text ?? "").Trim();
        if (value.Length == 0)
        {
            return false;
        }

        string? portText = null;
        if (value.StartsWith('['))
        {
            int close = value.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = value[1..close];
            string rest = value[(close + 1)..];
            if (rest.Length > 0)
            {
                if (!rest.StartsWith(':'))
                {
                    return false;
                }

                portText = rest[1..];
            }
        }
        else if (value.Count(c => c == ':') == 1)
        {
            int colon = value.IndexOf(':', StringComparison.Ordinal);
            host = value[..colon];
            portText = value[(colon + 1)..];
        }
        else
        {
            host = value; // a name, an IPv4 literal, or a bare IPv6 literal
        }

        if (portText is not null && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            return false;
        }

        return host.Length > 0;
    }

    /// <summary>
    /// Uploads the documents (and the cover), creates a send job for <see cref="FaxSendRequest.Destination"/> and submits
    /// it to the scheduler. <paramref name="progress"/> hears the bytes uploaded so far, all documents together.
    /// </summary>
    /// <returns>The job number the server gave.</returns>
    /// <exception cref="WLSocketException"><see cref="WLSocketError.FaxUnsupportedDocument"/> for a missing or unsupported
    /// file (checked before anything is sent), <see cref="WLSocketError.FaxCommandRefused"/> when the server refuses a
    /// parameter, <see cref="WLSocketError.FaxTransferFailed"/> when an upload breaks.</exception>
    public async Task<int> SubmitAsync(FaxSendRequest request, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        string destination = CheckArgument(request.Destination, "destination");
        if (destination.Trim().Length == 0)
        {
            throw new ArgumentException("The fax number is empty.", nameof(request));
        }

        if (request.Documents.Count == 0)
        {
            throw new ArgumentException("Give at least one document to fax.", nameof(request));
        }

        if (request.PageWidth is < 1 or > 10_000 || request.PageLength is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(request), "The page width and length are in millimetres, 1 to 10000.");
        }

        if (request.GiveUpAfter < TimeSpan.FromMinutes(1) || request.GiveUpAfter >= TimeSpan.FromDays(100))
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.GiveUpAfter, "GiveUpAfter must be 1 minute to 99 days.");
        }

        if (request.MaxTries is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.MaxTries, "MaxTries must be 1 or more.");
        }

        CheckArgument(request.Tag, "tag");
        CheckArgument(request.NotificationAddress, "notification address");

        // Every file is opened and checked before the first byte goes out: a bad type fails the whole send cleanly.
        var files = new List<(FileStream Stream, FaxDocumentFormat Format, string Path)>();
        try
        {
            if (request.CoverDocument is { } cover)
            {
                (FileStream s, FaxDocumentFormat f) = FaxDocuments.Open(cover);
                files.Add((s, f, cover));
            }

            foreach (string document in request.Documents)
            {
                (FileStream s, FaxDocumentFormat f) = FaxDocuments.Open(document);
                files.Add((s, f, document));
            }

            using Lease lease = await EnterAsync(cancellationToken).ConfigureAwait(false);
            var names = new List<string>();
            long sent = 0;
            foreach ((FileStream stream, FaxDocumentFormat format, string path) in files)
            {
                long before = sent;
                var perFile = progress is null ? null : new Progress(progress, before);
                names.Add(await UploadCoreAsync(stream, format, path, perFile, cancellationToken).ConfigureAwait(false));
                sent = before + stream.Length;
            }

            FaxReply created = await ExpectAsync("JNEW", cancellationToken).ConfigureAwait(false);
            Match id = JobIdPattern().Match(created.Text);
            if (!id.Success)
            {
                throw Violation("JNEW", created);
            }

            int jobId = int.Parse(id.Groups[1].Value, CultureInfo.InvariantCulture);
            await ExpectAsync($"JPARM FROMUSER {Quote(_options.User)}", cancellationToken).ConfigureAwait(false);
            // The scheduler refuses ("NAK") a job whose time to live was never set, whatever the server's default says.
            await ExpectAsync($"JPARM LASTTIME {LastTime(request.GiveUpAfter)}", cancellationToken).ConfigureAwait(false);
            await ExpectAsync($"JPARM DIALSTRING {Quote(destination.Trim())}", cancellationToken).ConfigureAwait(false);
            await ExpectAsync($"JPARM VRES {(int)request.Resolution}", cancellationToken).ConfigureAwait(false);
            await ExpectAsync($"JPARM PAGEWIDTH {request.PageWidth}", cancellationToken).ConfigureAwait(false); // without a page size the scheduler refuses the job
            await ExpectAsync($"JPARM PAGELENGTH {request.PageLength}", cancellationToken).ConfigureAwait(false);
            if (request.MaxTries is { } tries)
            {
                await ExpectAsync($"JPARM MAXTRIES {tries}", cancellationToken).ConfigureAwait(false);
            }

            await ExpectAsync($"JPARM NOTIFY {Quote(NotifyName(request.Notification))}", cancellationToken).ConfigureAwait(false);
            if (request.NotificationAddress is { Length: > 0 } address)
            {
                await ExpectAsync($"JPARM NOTIFYADDR {Quote(address)}", cancellationToken).ConfigureAwait(false);
            }

            if (request.Tag is { Length: > 0 } tag)
            {
                await ExpectAsync($"JPARM JOBINFO {Quote(tag)}", cancellationToken).ConfigureAwait(false);
            }

            int first = 0;
            if (request.CoverDocument is not null)
            {
                await ExpectAsync($"JPARM COVER {names[0]}", cancellationToken).ConfigureAwait(false);
                first = 1;
            }

            for (int i = first; i < names.Count; i++)
            {
                await ExpectAsync($"JPARM DOCUMENT {names[i]}", cancellationToken).ConfigureAwait(false);
            }

            await ExpectAsync("JSUBM", cancellationToken).ConfigureAwait(false);
            return jobId;
        }
        finally
        {
            foreach ((FileStream stream, _, _) in files)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Uploads one document to a temporary file of the server (<c>STOT</c>) and returns the server's name for it
    /// ("/tmp/doc12.pdf"), to use in a job. Most callers use <see cref="SubmitAsync"/> instead.
    /// </summary>
    public async Task<string> UploadAsync(string path, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        (FileStream stream, FaxDocumentFormat format) = FaxDocuments.Open(path);
        await using (stream.ConfigureAwait(false))
        {
            using Lease lease = await EnterAsync(cancellationToken).ConfigureAwait(false);
            return await UploadCoreAsync(stream, format, path, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The jobs waiting or being sent (<c>sendq</c>).</summary>
    public Task<IReadOnlyList<FaxJob>> ListSendQueueAsync(CancellationToken cancellationToken = default) => ListAsync("sendq", cancellationToken);

    /// <summary>The finished jobs the server still keeps (<c>doneq</c>): sent, failed or killed.</summary>
    public Task<IReadOnlyList<FaxJob>> ListDoneQueueAsync(CancellationToken cancellationToken = default) => ListAsync("doneq", cancellationToken);

    /// <summary>One job, from the send queue or else the done queue.</summary>
    /// <exception cref="WLSocketException"><see cref="WLSocketError.FaxJobNotFound"/> when it is in neither.</exception>
    public async Task<FaxJob> GetJobAsync(int jobId, CancellationToken cancellationToken = default)
    {
        foreach (string queue in (string[])["sendq", "doneq"])
        {
            foreach (FaxJob job in await ListAsync(queue, cancellationToken).ConfigureAwait(false))
            {
                if (job.Id == jobId)
                {
                    return job;
                }
            }
        }

        throw NotFound(jobId);
    }

    /// <summary>Suspends a queued job: the scheduler leaves it alone until <see cref="ResumeAsync"/> (<c>JSUSP</c>).</summary>
    public Task SuspendAsync(int jobId, CancellationToken cancellationToken = default) => JobCommandAsync(jobId, ["JSUSP"], cancellationToken);

    /// <summary>Hands a suspended job back to the scheduler (<c>JSUBM</c>).</summary>
    public Task ResumeAsync(int jobId, CancellationToken cancellationToken = default) => JobCommandAsync(jobId, ["JSUBM"], cancellationToken);

    /// <summary>Kills a job: it moves to the done queue as failed, "Job aborted by request" (<c>JKILL</c>).</summary>
    public Task KillAsync(int jobId, CancellationToken cancellationToken = default) => JobCommandAsync(jobId, ["JKILL"], cancellationToken);

    /// <summary>Interrupts a running job; the scheduler tries it again later (<c>JINTR</c>).</summary>
    public Task InterruptAsync(int jobId, CancellationToken cancellationToken = default) => JobCommandAsync(jobId, ["JINTR"], cancellationToken);

    /// <summary>
    /// Restarts a job still in the send queue: suspends it and submits it again, so the scheduler takes it at once
    /// (<c>JSUSP</c> + <c>JSUBM</c>). A finished job cannot be restarted (the server refuses).
    /// </summary>
    public async Task RestartAsync(int jobId, CancellationToken cancellationToken = default)
    {
        await JobCommandAsync(jobId, ["JSUSP"], cancellationToken).ConfigureAwait(false);

        // The scheduler suspends a running job only once its modem process has stopped: until then hfaxd answers
        // JSUBM with "504 ... use JSUSP first". Ask again, briefly, within the command timeout.
        Deadline deadline = Deadline.After(_options.CommandTimeout);
        while (true)
        {
            try
            {
                await JobCommandAsync(jobId, ["JSUBM"], cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (WLSocketException ex) when (ex.Error == WLSocketError.FaxCommandRefused && ex.Message.Contains("JSUSP first", StringComparison.Ordinal) && !deadline.HasExpired)
            {
                await Task.Delay(s_resubmitPause, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static readonly TimeSpan s_resubmitPause = TimeSpan.FromMilliseconds(100);

    /// <summary>Says goodbye (<c>QUIT</c>, briefly) and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        if (_broken is null && await _gate.WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false))
        {
            try
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await SendAsync("QUIT", quick.Token).ConfigureAwait(false);
                await ReadReplyAsync("QUIT", TimeSpan.FromSeconds(2), quick.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WLSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A server that does not answer QUIT politely changes nothing: the socket closes below.
            }
            finally
            {
                _gate.Release();
            }
        }

        Dispose();
    }

    /// <summary>Closes the connection at once, without <c>QUIT</c>.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _broken ??= new ObjectDisposedException(nameof(FaxClient));
        _socket.Dispose();
    }

    /// <summary>Refuses text that would break a command line or a quoted parameter (CR, LF, NUL, double quote).</summary>
    internal static string CheckArgument(string? value, string what)
    {
        if (value is not null && value.AsSpan().IndexOfAny("\r\n\0\"") >= 0)
        {
            throw new ArgumentException($"The {what} contains a line break, NUL or double quote, which the fax protocol cannot carry.", what);
        }

        return value ?? "";
    }

    // ---- session ----

    private async Task LoginAsync(CancellationToken cancellationToken)
    {
        FaxReply greeting = await ReadReplyAsync("the greeting", _options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        if (greeting.Code != 220)
        {
            throw Refused("the greeting", greeting);
        }

        Greeting = greeting.FullText;
        FaxReply user = await CommandAsync($"USER {_options.User}", cancellationToken).ConfigureAwait(false);
        if (user.IsIntermediate)
        {
            if (_options.Password is null)
            {
                throw new WLSocketException(WLSocketError.FaxLoginRefused,
                    $"The fax server {_target} wants a password for user '{_options.User}' ({user.Code} {user.Text}). Give the password (wlsock: --password-env).");
            }

            FaxReply pass = await CommandAsync($"PASS {_options.Password}", cancellationToken, display: "PASS ****").ConfigureAwait(false);
            if (!pass.IsSuccess)
            {
                throw Refused("PASS", pass);
            }
        }
        else if (!user.IsSuccess)
        {
            throw Refused("USER", user);
        }

        await ExpectAsync("TYPE I", cancellationToken).ConfigureAwait(false);
        await ExpectAsync("MODE S", cancellationToken).ConfigureAwait(false);
        await ExpectAsync("STRU F", cancellationToken).ConfigureAwait(false);
        await ExpectAsync($"JOBFMT {Quote(FaxJobListing.JobFormat)}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Selects the job and runs the commands, on a fresh connection (see <see cref="OnFreshConnectionAsync"/>).</summary>
    private Task<bool> JobCommandAsync(int jobId, string[] commands, CancellationToken cancellationToken) =>
        OnFreshConnectionAsync(async fresh =>
        {
            using Lease lease = await fresh.EnterAsync(cancellationToken).ConfigureAwait(false);
            await fresh.SelectJobAsync(jobId, cancellationToken).ConfigureAwait(false);
            foreach (string command in commands)
            {
                await fresh.ExpectAsync(command, cancellationToken, jobId).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken);

    private async Task SelectJobAsync(int jobId, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(jobId);
        FaxReply reply = await CommandAsync($"JOB {jobId}", cancellationToken).ConfigureAwait(false);
        if (!reply.IsSuccess)
        {
            throw reply.Text.Contains("does not exist", StringComparison.OrdinalIgnoreCase) ? NotFound(jobId) : Refused($"JOB {jobId}", reply);
        }
    }

    private Task<IReadOnlyList<FaxJob>> ListAsync(string queue, CancellationToken cancellationToken) =>
        OnFreshConnectionAsync(fresh => fresh.ListHereAsync(queue, cancellationToken), cancellationToken);

    /// <summary>
    /// Runs queue listings and job commands on a short second connection, logged in as this one. An hfaxd process
    /// caches the jobs it has read or changed and re-reads one only when its file's modification second changes, so a
    /// change the scheduler makes in the same second (a job prepared just after JSUBM, a job resumed) can stay invisible
    /// to that connection for good, and a later JSUSP/JSUBM there acts on the stale state. A new connection is a new
    /// hfaxd process, which reads every job afresh (as faxstat, faxrm and faxalter do, one connection each).
    /// </summary>
    private async Task<T> OnFreshConnectionAsync<T>(Func<FaxClient, Task<T>> action, CancellationToken cancellationToken)
    {
        ThrowIfBroken();
        FaxClient fresh = await ConnectAsync(_host, _port, _options, cancellationToken).ConfigureAwait(false);
        await using (fresh.ConfigureAwait(false))
        {
            return await action(fresh).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<FaxJob>> ListHereAsync(string queue, CancellationToken cancellationToken)
    {
        using Lease lease = await EnterAsync(cancellationToken).ConfigureAwait(false);
        byte[] listing = await ReceiveListingAsync($"LIST {queue}", cancellationToken).ConfigureAwait(false);
        var jobs = new List<FaxJob>();
        foreach (string line in Encoding.UTF8.GetString(listing).Split('\n'))
        {
            string trimmed = line.TrimEnd('\r');
            if (trimmed.Length > 0)
            {
                jobs.Add(FaxJobListing.Parse(trimmed, queue == "doneq"));
            }
        }

        return jobs;
    }

    // ---- data connection ----

    private async Task<string> UploadCoreAsync(FileStream stream, FaxDocumentFormat format, string path, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await ExpectAsync($"FORM {FaxDocuments.FormName(format)}", cancellationToken).ConfigureAwait(false);
        using Socket data = await OpenPassiveAsync(cancellationToken).ConfigureAwait(false);
        FaxReply start = await CommandAsync("STOT", cancellationToken).ConfigureAwait(false);
        if (!start.IsPreliminary)
        {
            throw Refused("STOT", start);
        }

        long sent = 0;
        byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            while (true)
            {
                int read = await stream.ReadAsync(chunk.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                using var budget = Budget(_options.TransferTimeout, cancellationToken);
                await data.SendAsync(chunk.AsMemory(0, read), SocketFlags.None, budget.Token).ConfigureAwait(false);
                sent += read;
                progress?.Report(sent);
            }

            data.Shutdown(SocketShutdown.Send);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Break(new WLSocketException(WLSocketError.Timeout,
                $"The upload of '{path}' to the fax server {_target} stalled after {sent} bytes: nothing moved for {_options.TransferTimeout.TotalSeconds:0} s. Check the server and the network."));
        }
        catch (SocketException ex)
        {
            throw Break(new WLSocketException(WLSocketError.FaxTransferFailed,
                $"The upload of '{path}' to the fax server {_target} broke after {sent} bytes: {ex.Message} ({ex.SocketErrorCode}). The server went away or aborted the transfer; check it and send again.", ex)
            { SocketErrorCode = ex.SocketErrorCode });
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        FaxReply done = await ReadReplyAsync("STOT", _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        if (!done.IsSuccess)
        {
            throw Refused("STOT", done);
        }

        Match file = FilePattern().Match(start.Text + " " + done.Text);
        return file.Success ? file.Groups[1].Value : throw Violation("STOT", start);
    }

    private async Task<byte[]> ReceiveListingAsync(string command, CancellationToken cancellationToken)
    {
        using Socket data = await OpenPassiveAsync(cancellationToken).ConfigureAwait(false);
        FaxReply start = await CommandAsync(command, cancellationToken).ConfigureAwait(false);
        if (!start.IsPreliminary)
        {
            throw Refused(command, start);
        }

        using var received = new MemoryStream();
        byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            while (true)
            {
                using var budget = Budget(_options.TransferTimeout, cancellationToken);
                int read = await data.ReceiveAsync(chunk.AsMemory(0, ChunkSize), SocketFlags.None, budget.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                if (received.Length + read > _options.MaxListingBytes)
                {
                    throw Break(new WLSocketException(WLSocketError.FaxProtocolViolation,
                        $"The answer to {command} from the fax server {_target} is larger than {_options.MaxListingBytes} bytes (FaxClientOptions.MaxListingBytes). Clean the queue or raise the limit."));
                }

                received.Write(chunk, 0, read);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Break(new WLSocketException(WLSocketError.Timeout, $"The answer to {command} from the fax server {_target} stalled for {_options.TransferTimeout.TotalSeconds:0} s."));
        }
        catch (SocketException ex)
        {
            throw Break(new WLSocketException(WLSocketError.FaxTransferFailed, $"The answer to {command} from the fax server {_target} broke: {ex.Message} ({ex.SocketErrorCode}).", ex)
            { SocketErrorCode = ex.SocketErrorCode });
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        FaxReply done = await ReadReplyAsync(command, _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        return done.IsSuccess ? received.ToArray() : throw Refused(command, done);
    }

    /// <summary>
    /// <c>PASV</c> (IPv4) or <c>EPSV</c> (IPv6), then a connection to the port the server opened, on the address of the
    /// control connection: the address inside a PASV reply is ignored, as modern FTP clients do (no bouncing elsewhere).
    /// </summary>
    private async Task<Socket> OpenPassiveAsync(CancellationToken cancellationToken)
    {
        var remote = (IPEndPoint)_socket.RemoteEndPoint!;
        bool v6 = remote.AddressFamily == AddressFamily.InterNetworkV6 && !remote.Address.IsIPv4MappedToIPv6;
        string command = v6 ? "EPSV" : "PASV";
        FaxReply reply = await ExpectAsync(command, cancellationToken).ConfigureAwait(false);
        int port;
        if (v6)
        {
            Match m = EpsvPattern().Match(reply.Text);
            port = m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
        }
        else
        {
            Match m = PasvPattern().Match(reply.Text);
            port = m.Success ? (int.Parse(m.Groups[5].Value, CultureInfo.InvariantCulture) * 256) + int.Parse(m.Groups[6].Value, CultureInfo.InvariantCulture) : -1;
        }

        if (port is < 1 or > 65535)
        {
            throw Violation(command, reply);
        }

        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var budget = Budget(_options.ConnectTimeout, cancellationToken);
            await socket.ConnectAsync(new IPEndPoint(remote.Address, port), budget.Token).ConfigureAwait(false);
            return socket;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw Break(new WLSocketException(WLSocketError.Timeout, $"The data connection to the fax server {_target} (port {port}) did not open within {_options.ConnectTimeout.TotalSeconds:0} s."));
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw Break(new WLSocketException(WLSocketError.FaxTransferFailed,
                $"The data connection to the fax server {_target} (port {port}, from its {command} reply) failed: {ex.Message} ({ex.SocketErrorCode}). A firewall may block the passive ports.", ex)
            { SocketErrorCode = ex.SocketErrorCode });
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // ---- control connection ----

    private async Task<FaxReply> ExpectAsync(string command, CancellationToken cancellationToken, int? jobId = null)
    {
        FaxReply reply = await CommandAsync(command, cancellationToken).ConfigureAwait(false);
        if (reply.IsSuccess)
        {
            return reply;
        }

        if (jobId is { } id && reply.Text.Contains("deleted by another party", StringComparison.OrdinalIgnoreCase))
        {
            throw NotFound(id);
        }

        throw Refused(command, reply);
    }

    private async Task<FaxReply> CommandAsync(string command, CancellationToken cancellationToken, string? display = null)
    {
        await SendAsync(command, cancellationToken).ConfigureAwait(false);
        return await ReadReplyAsync(display ?? command, _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(string command, CancellationToken cancellationToken)
    {
        ThrowIfBroken();
        byte[] line = Encoding.UTF8.GetBytes(command + "\r\n");
        try
        {
            using var budget = Budget(_options.CommandTimeout, cancellationToken);
            await _socket.SendAsync(line, SocketFlags.None, budget.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Break(SocketErrors.TimedOut($"Sending {Verb(command)} to the fax server {_target}"));
        }
        catch (OperationCanceledException ex)
        {
            Break(ex);
            throw;
        }
        catch (SocketException ex)
        {
            throw Break(SocketErrors.Map(ex, $"Sending {Verb(command)} to the fax server", _target));
        }
    }

    private async Task<FaxReply> ReadReplyAsync(string after, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ThrowIfBroken();
        using var budget = Budget(timeout, cancellationToken);
        while (true)
        {
            var input = new ReadOnlySequence<byte>(_buffer, _start, _end - _start);
            switch (FaxReplyParser.TryParse(input, _options.MaxReplyBytes, out FaxReply? reply, out SequencePosition consumed, out string? error))
            {
                case OperationStatus.Done:
                    _start += (int)input.Slice(0, consumed).Length;
                    if (_start == _end)
                    {
                        _start = _end = 0;
                    }

                    return reply!;
                case OperationStatus.InvalidData:
                    throw Break(new WLSocketException(WLSocketError.FaxProtocolViolation,
                        $"The fax server {_target} answered {Verb(after)} with something that is not a HylaFAX reply: {error}. Check that {_target} is a HylaFAX server (hfaxd)."));
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            int read;
            try
            {
                read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, budget.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw Break(new WLSocketException(WLSocketError.Timeout,
                    $"The fax server {_target} did not answer {Verb(after)} within {timeout.TotalSeconds:0.#} s. It may be overloaded or hung; try again later.")
                { SocketErrorCode = SocketError.TimedOut });
            }
            catch (OperationCanceledException ex)
            {
                Break(ex);
                throw;
            }
            catch (SocketException ex)
            {
                throw Break(SocketErrors.Map(ex, $"Waiting for the fax server's answer to {Verb(after)}", _target));
            }

            if (read == 0)
            {
                throw Break(new WLSocketException(WLSocketError.ConnectionClosed,
                    $"The fax server {_target} closed the connection instead of answering {Verb(after)}. It may have been stopped or restarted, or it refuses this client (see its hosts.hfaxd); connect again."));
            }

            _end += read;
        }
    }

    // ---- errors ----

    private WLSocketException Refused(string command, FaxReply reply)
    {
        string verb = Verb(command);
        string quoted = $"{reply.Code} {reply.Text}";
        return reply.Code switch
        {
            421 => Break(new WLSocketException(WLSocketError.ConnectionClosed,
                $"The fax server {_target} is closing the connection ({quoted}): it is shutting down or the session was idle too long. Connect again.")),
            530 when verb is "USER" or "PASS" => new WLSocketException(WLSocketError.FaxLoginRefused,
                $"The fax server {_target} refused the login of '{_options.User}' ({quoted}): wrong password, or this user or host is not in its hosts.hfaxd."),
            530 => new WLSocketException(WLSocketError.FaxLoginRefused, $"The fax server {_target} refused {verb} ({quoted}): log in first, or this user lacks the right."),
            425 or 426 => new WLSocketException(WLSocketError.FaxTransferFailed, $"The fax server {_target} could not complete the transfer of {verb} ({quoted}). Try again."),
            >= 400 and < 500 => new WLSocketException(WLSocketError.FaxCommandRefused, $"The fax server {_target} could not do {verb} for now ({quoted}). Try again later."),
            >= 500 => new WLSocketException(WLSocketError.FaxCommandRefused, $"The fax server {_target} refused {Shown(command)} ({quoted})."),
            _ => Violation(command, reply),
        };
    }

    private WLSocketException Violation(string command, FaxReply reply) => Break(new WLSocketException(WLSocketError.FaxProtocolViolation,
        $"The fax server {_target} answered {Verb(command)} with an unexpected reply ({FaxReplyParser.Printable(reply.FullText)}). Check that it is a HylaFAX server (hfaxd)."));

    private WLSocketException NotFound(int jobId) => new(WLSocketError.FaxJobNotFound,
        $"No job {jobId} on the fax server {_target}: it is in neither the send queue nor the done queue (wrong number, or already removed). List the queues to see the jobs.");

    private static string Verb(string command)
    {
        if (command.StartsWith("the ", StringComparison.Ordinal))
        {
            return command; // "the greeting"
        }

        int space = command.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? command : command[..space];
    }

    /// <summary>The command as a message may show it: PASS never shows its argument.</summary>
    private static string Shown(string command) => command.StartsWith("PASS", StringComparison.OrdinalIgnoreCase) ? "PASS" : command;

    private T Break<T>(T error) where T : Exception
    {
        _broken ??= error;
        return error;
    }

    private void ThrowIfBroken()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        switch (_broken)
        {
            case null:
                return;
            case WLSocketException ex:
                throw new WLSocketException(ex.Error, $"The connection to the fax server {_target} is no longer usable: {ex.Message}", ex) { SocketErrorCode = ex.SocketErrorCode };
            default:
                throw new WLSocketException(WLSocketError.ConnectionReset,
                    $"The connection to the fax server {_target} is no longer usable: an earlier call was cancelled in the middle of an exchange. Connect again.", _broken);
        }
    }

    private static CancellationTokenSource Budget(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            budget.CancelAfter(timeout);
        }

        return budget;
    }

    private async Task<Lease> EnterAsync(CancellationToken cancellationToken)
    {
        ThrowIfBroken();
        if (!await _gate.WaitAsync(_options.CommandTimeout, cancellationToken).ConfigureAwait(false))
        {
            throw new WLSocketException(WLSocketError.Timeout,
                $"Another call on the connection to the fax server {_target} has been running for more than {_options.CommandTimeout.TotalSeconds:0} s; this one gave up waiting for its turn.");
        }

        return new Lease(_gate);
    }

    private static string Quote(string value) => "\"" + value + "\"";

    /// <summary><c>LASTTIME</c>'s "DDHHMM" (days, hours, minutes from now).</summary>
    private static string LastTime(TimeSpan after) =>
        string.Create(CultureInfo.InvariantCulture, $"{after.Days:00}{after.Hours:00}{after.Minutes:00}");

    private static string NotifyName(FaxNotification notification) => notification switch
    {
        FaxNotification.WhenDone => "done",
        FaxNotification.WhenRequeued => "requeue",
        FaxNotification.WhenDoneOrRequeued => "done+requeue",
        _ => "none",
    };

    [GeneratedRegex(@"jobid:\s*(\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JobIdPattern();

    [GeneratedRegex(@"FILE:\s*([^\s)]+)", RegexOptions.CultureInvariant)]
    private static partial Regex FilePattern();

    [GeneratedRegex(@"(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex PasvPattern();

    [GeneratedRegex(@"\(\|\|\|(\d+)\|\)", RegexOptions.CultureInvariant)]
    private static partial Regex EpsvPattern();

    private readonly struct Lease(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }

    /// <summary>Adds the bytes of the documents already sent, so progress counts all documents together.</summary>
    private sealed class Progress(IProgress<long> inner, long offset) : IProgress<long>
    {
        public void Report(long value) => inner.Report(offset + value);
    }
}
