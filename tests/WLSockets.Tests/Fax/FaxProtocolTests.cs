using System.Buffers;
using System.Net.Sockets;
using System.Text;
using WLSockets.Fax;

namespace WLSockets.Tests.Fax;

/// <summary>The HylaFAX client against a fake that replays the replies recorded from the real hfaxd, and misbehaves.</summary>
public sealed class FaxProtocolTests : IDisposable
{
    private readonly string _document = Path.Combine(Path.GetTempPath(), "wlsock-fax-" + Guid.NewGuid().ToString("N") + ".ps");

    public FaxProtocolTests() => File.WriteAllText(_document, "%!PS-Adobe-3.0\n72 720 moveto (page) show\nshowpage\n");

    public void Dispose() => File.Delete(_document);

    private static FaxClientOptions Options(string? password = null) => new()
    {
        User = "root",
        Password = password,
        ConnectTimeout = Loopback.Deadline,
        CommandTimeout = Loopback.Deadline,
        TransferTimeout = Loopback.Deadline,
    };

    [Fact]
    public async Task A_submit_sends_the_commands_in_order_and_reads_the_job_number()
    {
        await using ScriptedFaxServer server = ScriptedFaxServer.Start();
        await using FaxClient client = await FaxClient.ConnectAsync("127.0.0.1", server.Port, Options(), Loopback.Ct).Within();
        Assert.Equal(ScriptedFaxServer.Greeting.TrimEnd(), client.Greeting);

        int job = await client.SubmitAsync(new FaxSendRequest("5551234", _document) { Tag = "facture 12", MaxTries = 2 }, null, Loopback.Ct).Within();

        Assert.Equal(2, job);
        Assert.Equal(File.ReadAllBytes(_document), Assert.Single(server.Uploads));
        Assert.Equal(
        [
            "USER root", "TYPE I", "MODE S", "STRU F", "JOBFMT \"%j\t%a\t%e\t%p\t%y\t%t\t%u\t%o\t%J\t%s\"",
            "FORM PS", "PASV", "STOT", "JNEW",
            "JPARM FROMUSER \"root\"", "JPARM LASTTIME 000300", "JPARM DIALSTRING \"5551234\"", "JPARM VRES 98",
            "JPARM PAGEWIDTH 209", "JPARM PAGELENGTH 296", "JPARM MAXTRIES 2", "JPARM NOTIFY \"none\"",
            "JPARM JOBINFO \"facture 12\"", "JPARM DOCUMENT /tmp/doc2.ps", "JSUBM",
        ], server.Commands.ToArray());
    }

    [Fact]
    public async Task The_send_queue_listing_is_parsed_exactly()
    {
        await using ScriptedFaxServer server = ScriptedFaxServer.Start();
        await using FaxClient client = await FaxClient.ConnectAsync("127.0.0.1", server.Port, Options(), Loopback.Ct).Within();

        IReadOnlyList<FaxJob> jobs = await client.ListSendQueueAsync(Loopback.Ct).Within();

        Assert.Equal(new FaxJob(2, FaxJobState.Waiting, "5551234", 0, 2, 0, 3, "root", "facture 12", "", false), jobs[0]);
        Assert.Equal(new FaxJob(19, FaxJobState.Blocked, "5556666", 0, 0, 0, 3, "root", "", "Blocked by concurrent calls", false), jobs[1]);
    }

    [Fact]
    public async Task A_wrong_password_is_a_refused_login_that_never_shows_the_password()
    {
        await using ScriptedFaxServer server = ScriptedFaxServer.Start(Replies(("USER", "331 Password required for secure.\r\n"), ("PASS", "530 Login incorrect.\r\n")));

        var error = await Assert.ThrowsAsync<WLSocketException>(() => FaxClient.ConnectAsync("127.0.0.1", server.Port, Options("hunter2"), Loopback.Ct).Within());
        Assert.Equal(WLSocketError.FaxLoginRefused, error.Error);
        Assert.Contains("530 Login incorrect.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.Contains("PASS hunter2", server.Commands);
    }

    [Fact]
    public async Task A_multi_line_reply_is_read_whole_and_the_next_reply_stays_in_step()
    {
        // RFC 959: inner lines may start with digits, only "200 " ends the reply.
        await using ScriptedFaxServer server = ScriptedFaxServer.Start(Replies(
            ("JOBFMT", "200-JOBFMT accepted\r\n217 not the end\r\n    still the same reply\r\n200 JOBFMT command successful.\r\n")));
        await using FaxClient client = await FaxClient.ConnectAsync("127.0.0.1", server.Port, Options(), Loopback.Ct).Within();
        Assert.Equal(2, (await client.ListSendQueueAsync(Loopback.Ct).Within()).Count);
    }

    [Fact]
    public async Task A_server_that_goes_away_mid_upload_fails_the_send_with_a_transfer_error()
    {
        await using ScriptedFaxServer server = ScriptedFaxServer.Start(async (line, c) =>
        {
            if (!line.StartsWith("STOT", StringComparison.Ordinal))
            {
                return false;
            }

            await c.SendAsync("150 FILE: /tmp/doc2.ps (Opening new data connection).\r\n");
            Socket data = await c.AcceptDataAsync(Loopback.Ct);
            var some = new byte[65536];
            int total = 0;
            while (total < some.Length)
            {
                total += await data.ReceiveAsync(some.AsMemory(total), SocketFlags.None, Loopback.Ct);
            }

            data.LingerState = new LingerOption(true, 0); // a reset, as a crashed server
            data.Close();
            c.Control.LingerState = new LingerOption(true, 0);
            c.Control.Close();
            return true;
        });
        string big = Path.ChangeExtension(_document, ".pdf");
        await using (FileStream file = File.Create(big))
        {
            await file.WriteAsync("%PDF-1.4\n"u8.ToArray(), Loopback.Ct);
            file.SetLength(32 * 1024 * 1024);
        }

        try
        {
            await using FaxClient client = await FaxClient.ConnectAsync("127.0.0.1", server.Port, Options(), Loopback.Ct).Within();
            long last = 0;
            var progress = new Progress(v => last = v);
            var error = await Assert.ThrowsAsync<WLSocketException>(() => client.SubmitAsync(new FaxSendRequest("5551234", big), progress, Loopback.Ct).Within());
            Assert.True(error.Error is WLSocketError.FaxTransferFailed or WLSocketError.ConnectionReset or WLSocketError.ConnectionClosed, error.ToString());
            Assert.True(last < new FileInfo(big).Length, $"the whole file was reported sent ({last} bytes)");

            // The connection is unusable afterwards, and says why.
            var later = await Assert.ThrowsAsync<WLSocketException>(() => client.UploadAsync(_document, null, Loopback.Ct).Within());
            Assert.Contains("no longer usable", later.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(big);
        }
    }

    [Fact]
    public async Task A_peer_that_is_not_a_fax_server_is_a_protocol_violation()
    {
        await using var http = new NotFax("HTTP/1.1 400 Bad Request\r\n\r\n");
        var error = await Assert.ThrowsAsync<WLSocketException>(() => FaxClient.ConnectAsync("127.0.0.1", http.Port, Options(), Loopback.Ct).Within());
        Assert.Equal(WLSocketError.FaxProtocolViolation, error.Error);
        Assert.Contains("HTTP/1.1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silent_server_times_out()
    {
        await using var silent = new NotFax(null);
        FaxClientOptions options = Options();
        options.ConnectTimeout = TimeSpan.FromMilliseconds(200);
        var error = await Assert.ThrowsAsync<WLSocketException>(() => FaxClient.ConnectAsync("127.0.0.1", silent.Port, options, Loopback.Ct).Within());
        Assert.Equal(WLSocketError.Timeout, error.Error);
        Assert.Contains("greeting", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("%PDF-1.7\n", FaxDocumentFormat.Pdf)]
    [InlineData("%!PS-Adobe-3.0", FaxDocumentFormat.PostScript)]
    [InlineData("II*\0\b\0\0\0", FaxDocumentFormat.Tiff)]
    [InlineData("MM\0*\0\0\0\b", FaxDocumentFormat.Tiff)]
    public void Documents_are_recognised_by_their_first_bytes(string start, FaxDocumentFormat format) =>
        Assert.Equal(format, FaxDocuments.Detect(Encoding.Latin1.GetBytes(start)));

    [Theory]
    [InlineData("PK\x03\x04")]
    [InlineData("{\\rtf1")]
    [InlineData("")]
    public void Other_documents_are_not(string start) => Assert.Null(FaxDocuments.Detect(Encoding.Latin1.GetBytes(start)));

    /// <summary>A multi-line reply recorded from hfaxd (JPARM with no argument), cut at every offset.</summary>
    [Fact]
    public void A_recorded_multi_line_reply_parses_the_same_however_it_is_cut()
    {
        byte[] wire = Encoding.ASCII.GetBytes("217-Job state: jobid 3 groupid 3\r\n    SENDTIME: 20261125134131\r\n    STATE: READY\r\n217 End of job 3 state.\r\n200 next\r\n");
        int end = Encoding.ASCII.GetString(wire).IndexOf("200 next", StringComparison.Ordinal);
        for (int cut = 0; cut <= wire.Length; cut++)
        {
            OperationStatus first = FaxReplyParser.TryParse(new ReadOnlySequence<byte>(wire, 0, cut), 65536, out FaxReply? partial, out _, out _);
            Assert.True(cut >= end ? first == OperationStatus.Done : first == OperationStatus.NeedMoreData, $"cut {cut}: {first}");
        }

        Assert.Equal(OperationStatus.Done, FaxReplyParser.TryParse(new ReadOnlySequence<byte>(wire), 65536, out FaxReply? reply, out SequencePosition next, out _));
        Assert.Equal(217, reply!.Code);
        Assert.Equal(4, reply.Lines.Count);
        Assert.Equal("End of job 3 state.", reply.Text);
        Assert.Equal(["    SENDTIME: 20261125134131", "    STATE: READY"], reply.Body);
        Assert.Equal(OperationStatus.Done, FaxReplyParser.TryParse(new ReadOnlySequence<byte>(wire).Slice(next), 65536, out FaxReply? after, out _, out _));
        Assert.Equal(200, after!.Code);
    }

    [Fact]
    public void A_reply_above_the_maximum_is_refused_before_it_ends()
    {
        byte[] wire = Encoding.ASCII.GetBytes("214-" + string.Concat(Enumerable.Repeat("help line\r\n", 200)));
        Assert.Equal(OperationStatus.InvalidData, FaxReplyParser.TryParse(new ReadOnlySequence<byte>(wire), 1024, out _, out _, out string? error));
        Assert.Contains("1024", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2\tW\t5551234")]
    [InlineData("x\tW\t5551234\t0\t2\t0\t3\troot\t\t")]
    public void A_listing_line_in_another_format_is_a_protocol_violation(string line) =>
        Assert.Equal(WLSocketError.FaxProtocolViolation, Assert.Throws<WLSocketException>(() => FaxJobListing.Parse(line, false)).Error);

    /// <summary>Overrides that answer a command starting with a prefix with a fixed reply.</summary>
    private static Func<string, ScriptedFaxServer.Connection, Task<bool>> Replies(params (string Prefix, string Reply)[] replies) => async (line, c) =>
    {
        foreach ((string prefix, string reply) in replies)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                await c.SendAsync(reply);
                return true;
            }
        }

        return false;
    };

    private sealed class Progress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    /// <summary>A peer that sends <paramref name="text"/> (or nothing) and then waits.</summary>
    private sealed class NotFax : IAsyncDisposable
    {
        private readonly System.Net.Sockets.TcpListener _listener = new(System.Net.IPAddress.Loopback, 0);
        private readonly Task _serving;

        public NotFax(string? text)
        {
            _listener.Start();
            _serving = Task.Run(async () =>
            {
                using Socket socket = await _listener.AcceptSocketAsync(Loopback.Ct);
                if (text is not null)
                {
                    await socket.SendAsync(Encoding.ASCII.GetBytes(text), SocketFlags.None);
                }

                await socket.ReceiveAsync(new byte[16], SocketFlags.None, Loopback.Ct); // until the client closes
            });
        }

        public int Port => ((System.Net.IPEndPoint)_listener.LocalEndpoint).Port;

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            try
            {
                await _serving.WaitAsync(Loopback.Deadline);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client closed first.
            }
        }
    }
}
