using WLSockets.Fax;
using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.InteropTests;

/// <summary>The fax client against the real HylaFAX server (hfaxd + faxq from Debian's hylafax-server).</summary>
[Collection(HylaFaxGroup.Name)]
public sealed class FaxServerTests(HylaFaxServer server) : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private Task<FaxClient> ConnectAsync(string user = "wltest", string? password = null)
    {
        server.RequireAvailable();
        return FaxClient.ConnectAsync("127.0.0.1", server.Port, new FaxClientOptions { User = user, Password = password, CommandTimeout = Tools.Timeout }, Tools.Token);
    }

    [Fact]
    public async Task A_submitted_job_is_queued_with_its_number_and_pages_then_killed_into_the_done_queue()
    {
        await using FaxClient client = await ConnectAsync();
        Assert.Contains("HylaFAX", client.Greeting, StringComparison.Ordinal);
        string document = HylaFaxServer.WritePostScript(_files.File("two-pages.ps"), pages: 2);
        var uploaded = new List<long>();
        int jobId = await client.SubmitAsync(new FaxSendRequest("5551234", document) { Tag = "facture 12", MaxTries = 2 },
            new SynchronousProgress(uploaded), Tools.Token);
        try
        {
            Assert.Equal(new FileInfo(document).Length, uploaded[^1]);

            FaxJob queued = Assert.Single(await client.ListSendQueueAsync(Tools.Token), j => j.Id == jobId);
            Assert.Equal("5551234", queued.Destination);
            Assert.Equal("facture 12", queued.Tag);
            Assert.Equal("wltest", queued.Owner);
            Assert.Equal(2, queued.MaxTries);
            Assert.False(queued.InDoneQueue);

            // The scheduler converts the document when the (placeholder) modem takes the job, then knows its pages. The
            // modem may first have to be released by the previous test's killed job (faxsend ending under a loaded
            // machine), so this wait gets a longer bound than one command.
            FaxJob prepared = await HylaFaxServer.EventuallyAsync(() => client.GetJobAsync(jobId, Tools.Token), j => j.TotalPages > 0,
                "the server counted the pages", 3 * Tools.Timeout);
            Assert.Equal(2, prepared.TotalPages);
            Assert.Equal(0, prepared.PagesSent);
            Assert.Equal(FaxJobState.Running, prepared.State);
        }
        finally
        {
            await client.KillAsync(jobId, Tools.Token);
        }

        FaxJob done = await HylaFaxServer.EventuallyAsync(() => client.GetJobAsync(jobId, Tools.Token), j => j.InDoneQueue, "the killed job reached the done queue");
        Assert.Equal(FaxJobState.Failed, done.State);
        Assert.Equal("Job aborted by request", done.Status);
        Assert.Contains(await client.ListDoneQueueAsync(Tools.Token), j => j.Id == jobId);
        Assert.DoesNotContain(await client.ListSendQueueAsync(Tools.Token), j => j.Id == jobId);
    }

    [Fact]
    public async Task A_job_can_be_suspended_resumed_and_restarted()
    {
        await using FaxClient client = await ConnectAsync();
        int jobId = await client.SubmitAsync(new FaxSendRequest("5550001", HylaFaxServer.WritePostScript(_files.File("one.ps"), 1)), null, Tools.Token);
        try
        {
            await client.SuspendAsync(jobId, Tools.Token);
            Assert.Equal(FaxJobState.Suspended, (await client.GetJobAsync(jobId, Tools.Token)).State);
            await client.ResumeAsync(jobId, Tools.Token);

            // hfaxd keeps showing the state it set itself to the connection that changed the job (docs/decisions.md,
            // "Fax"): the scheduler's view is checked from another connection, as another program would see it.
            await using (FaxClient observer = await ConnectAsync())
            {
                Assert.NotEqual(FaxJobState.Suspended, (await observer.GetJobAsync(jobId, Tools.Token)).State);
            }

            await client.RestartAsync(jobId, Tools.Token);
            await using (FaxClient observer = await ConnectAsync())
            {
                FaxJob restarted = await observer.GetJobAsync(jobId, Tools.Token);
                Assert.False(restarted.InDoneQueue);
                Assert.NotEqual(FaxJobState.Suspended, restarted.State);
            }
        }
        finally
        {
            await client.KillAsync(jobId, Tools.Token);
        }

        // A finished job cannot be restarted: the server's refusal comes back as the error.
        var refused = await Assert.ThrowsAsync<WLSocketException>(() => client.RestartAsync(jobId, Tools.Token));
        Assert.True(refused.Error is WLSocketError.FaxCommandRefused or WLSocketError.FaxJobNotFound, refused.ToString());
    }

    [Fact]
    public async Task An_unknown_job_is_reported_as_not_found()
    {
        await using FaxClient client = await ConnectAsync();
        var error = await Assert.ThrowsAsync<WLSocketException>(() => client.KillAsync(999_999, Tools.Token));
        Assert.Equal(WLSocketError.FaxJobNotFound, error.Error);
        Assert.Contains("999999", error.Message, StringComparison.Ordinal);
        var status = await Assert.ThrowsAsync<WLSocketException>(() => client.GetJobAsync(999_999, Tools.Token));
        Assert.Equal(WLSocketError.FaxJobNotFound, status.Error);
    }

    [Fact]
    public async Task A_document_that_is_not_pdf_postscript_or_tiff_fails_before_anything_is_sent()
    {
        await using FaxClient client = await ConnectAsync();
        string text = _files.File("letter.txt");
        await File.WriteAllTextAsync(text, "Bonjour, this is plain text.", Tools.Token);
        int before = (await client.ListSendQueueAsync(Tools.Token)).Count;

        var error = await Assert.ThrowsAsync<WLSocketException>(() => client.SubmitAsync(new FaxSendRequest("5551234", text), null, Tools.Token));
        Assert.Equal(WLSocketError.FaxUnsupportedDocument, error.Error);
        Assert.Contains("not a PDF, PostScript or TIFF", error.Message, StringComparison.Ordinal);

        var missing = await Assert.ThrowsAsync<WLSocketException>(() => client.SubmitAsync(new FaxSendRequest("5551234", _files.File("nothing.pdf")), null, Tools.Token));
        Assert.Equal(WLSocketError.FaxUnsupportedDocument, missing.Error);
        Assert.Equal(before, (await client.ListSendQueueAsync(Tools.Token)).Count); // and the connection still works
    }

    [Fact]
    public async Task A_command_the_server_refuses_reports_the_command_and_the_server_reply()
    {
        await using FaxClient client = await ConnectAsync();
        int jobId = await client.SubmitAsync(new FaxSendRequest("5550002", HylaFaxServer.WritePostScript(_files.File("twice.ps"), 1)), null, Tools.Token);
        await client.KillAsync(jobId, Tools.Token);
        await HylaFaxServer.EventuallyAsync(() => client.GetJobAsync(jobId, Tools.Token), j => j.InDoneQueue, "the killed job reached the done queue");

        var error = await Assert.ThrowsAsync<WLSocketException>(() => client.KillAsync(jobId, Tools.Token));
        Assert.Equal(WLSocketError.FaxCommandRefused, error.Error);
        Assert.Matches(@"refused JKILL \(5\d\d .+\)", error.Message);
        Assert.Contains(await client.ListDoneQueueAsync(Tools.Token), j => j.Id == jobId); // the connection goes on
    }

    [Fact]
    public async Task A_user_with_a_password_logs_in_only_with_the_right_one()
    {
        server.RequireAvailable();
        await using (FaxClient good = await ConnectAsync(HylaFaxServer.SecureUser, HylaFaxServer.SecurePassword))
        {
            Assert.NotNull(await good.ListSendQueueAsync(Tools.Token));
        }

        var wrong = await Assert.ThrowsAsync<WLSocketException>(() => ConnectAsync(HylaFaxServer.SecureUser, "not-the-password"));
        Assert.Equal(WLSocketError.FaxLoginRefused, wrong.Error);
        Assert.Contains("530", wrong.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", wrong.Message, StringComparison.Ordinal);

        var none = await Assert.ThrowsAsync<WLSocketException>(() => ConnectAsync(HylaFaxServer.SecureUser));
        Assert.Equal(WLSocketError.FaxLoginRefused, none.Error);
        Assert.Contains("password", none.Message, StringComparison.Ordinal);
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool, after the upload returned).</summary>
    private sealed class SynchronousProgress(List<long> values) : IProgress<long>
    {
        public void Report(long value) => values.Add(value);
    }
}
