using System.Diagnostics;
using System.Globalization;

namespace WLSockets.InteropTests.Infrastructure;

/// <summary>
/// A private HylaFAX server for the fax tests (peers.md, "HylaFAX without a modem"): a copy of Debian's spool in a
/// temporary folder, <c>faxq</c> and <c>hfaxd</c> on 127.0.0.1 and a free port, each in its own process group (killed
/// whole at the end, with the <c>faxsend</c> children). A placeholder modem is announced with <c>faxmodem</c> so the
/// scheduler prepares each job (converts it and counts its pages) and then tries to send it on a device that does not
/// exist: the job stays "running" until killed, one at a time.
/// </summary>
/// <remarks>Logins: any user from 127.0.0.1 without a password, except <see cref="SecureUser"/> who needs <see cref="SecurePassword"/>.</remarks>
public sealed class HylaFaxServer : IAsyncLifetime
{
    public const string SecureUser = "secure";
    public const string SecurePassword = "s3cret";

    // `openssl passwd -1 -salt abcdefgh s3cret`: hosts.hfaxd holds crypt(3) hashes.
    private const string SecurePasswordHash = "$1$abcdefgh$7.vq19w/w3Vm.hk1FOA7Q/";
    private const string SystemSpool = "/var/spool/hylafax";
    private const string SystemConfig = "/etc/hylafax";

    private readonly List<PeerProcess> _processes = [];
    private string? _root;

    /// <summary>Why the server could not run here (the tests skip with it), or null.</summary>
    public string? Unavailable { get; private set; }

    public int Port { get; private set; }

    public string Spool => Path.Combine(_root!, "spool");

    /// <summary>Skips the calling test when the server cannot run on this machine.</summary>
    public void RequireAvailable()
    {
        if (Unavailable is not null)
        {
            Assert.Skip(Unavailable);
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (!OperatingSystem.IsLinux())
        {
            Unavailable = "the HylaFAX tests run on Linux (Debian's hylafax-server)";
            return;
        }

        string? hfaxd = Find("hfaxd");
        string? faxq = Find("faxq");
        string? faxmodem = Find("faxmodem");
        if (hfaxd is null || faxq is null || faxmodem is null || !Directory.Exists(SystemSpool))
        {
            Unavailable = "HylaFAX not installed: hfaxd/faxq not found (apt-get install hylafax-server; ./test.sh installs it)";
            return;
        }

        if (Environment.UserName != "root")
        {
            Unavailable = "the HylaFAX tests need root: the private spool copy must keep its owner (the fax user) and hfaxd chroots into it";
            return;
        }

        _root = Path.Combine(Path.GetTempPath(), "wlsock-fax-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
        File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_101); // 755: the fax user must traverse it
        await RunAsync("cp", "-a", SystemSpool, Spool);
        string etc = Path.Combine(Spool, "etc");
        Directory.Delete(etc, recursive: true);
        await RunAsync("cp", "-a", SystemConfig, etc);
        string hosts = Path.Combine(etc, "hosts.hfaxd");
        await File.WriteAllTextAsync(hosts, $"^{SecureUser}@:100:{SecurePasswordHash}:\n127.0.0.1\nlocalhost\n");
        await RunAsync("chown", "--reference=" + Spool, hosts);
        File.SetUnixFileMode(hosts, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        _processes.Add(PeerProcess.Start("setsid", [faxq, "-q", Spool, "-D"], _root));
        await WaitForAsync(() => File.Exists(Path.Combine(Spool, "FIFO")), "faxq's FIFO");
        for (int attempt = 1; ; attempt++)
        {
            Port = NetTools.FreeLoopbackPort();
            PeerProcess server = PeerProcess.Start("setsid", [hfaxd, "-q", Spool, "-d", "-l", "127.0.0.1", "-i", Port.ToString(CultureInfo.InvariantCulture)], _root);
            if (await NetTools.WaitUntilListeningAsync(Port, server, "hfaxd"))
            {
                _processes.Add(server);
                break;
            }

            string transcript = server.Describe();
            await server.DisposeAsync();
            Assert.True(attempt < 3, "hfaxd did not start: " + transcript);
        }

        await RunAsync(faxmodem, "-q", Spool, "ttyWLSOCK");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (PeerProcess process in _processes)
        {
            // setsid made each one a process-group leader: the group holds its forks (hfaxd's per-client
            // children, faxq's faxsend), which a parent-child tree walk can miss once they are re-parented.
            using (var kill = Process.Start(new ProcessStartInfo("kill", ["-KILL", "--", "-" + process.ProcessId.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
            {
                await kill!.WaitForExitAsync(CancellationToken.None);
            }

            await process.DisposeAsync();
        }

        if (_root is not null)
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A straggler still writing its log: the folder is under /tmp, left for the system to clean.
            }
        }
    }

    /// <summary>
    /// Asks <paramref name="probe"/> again until <paramref name="done"/> holds (the server pushes nothing), within
    /// <paramref name="within"/> (default <see cref="Tools.Timeout"/>).
    /// </summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? within = null)
    {
        TimeSpan bound = within ?? Tools.Timeout;
        var limit = Stopwatch.StartNew();
        while (true)
        {
            T value = await probe();
            if (done(value))
            {
                return value;
            }

            Assert.True(limit.Elapsed < bound, $"timed out waiting until {what} ({bound.TotalSeconds:0} s); last seen: {value}");
            await Task.Delay(Tools.PollInterval, Tools.Token);
        }
    }

    /// <summary>A PostScript document of <paramref name="pages"/> pages, written to <paramref name="path"/>.</summary>
    public static string WritePostScript(string path, int pages)
    {
        var text = new System.Text.StringBuilder("%!PS-Adobe-3.0\n/Helvetica findfont 24 scalefont setfont\n");
        for (int page = 1; page <= pages; page++)
        {
            text.Append(CultureInfo.InvariantCulture, $"72 720 moveto (WLSockets fax test, page {page}) show\nshowpage\n");
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static string? Find(string program) =>
        Tools.FindOnPath(program) ?? (File.Exists("/usr/sbin/" + program) ? "/usr/sbin/" + program : null);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        await using PeerProcess process = PeerProcess.Start(program, arguments);
        int code = await process.WaitForExitAsync(Tools.Timeout);
        Assert.True(code == 0, $"{process.Describe()}");
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var limit = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(limit.Elapsed < Tools.Timeout, $"{what} did not appear within {Tools.Timeout.TotalSeconds:0} s");
            await Task.Delay(Tools.PollInterval, Tools.Token); // no event says when faxq has created it
        }
    }
}

/// <summary>The tests that share the one HylaFAX server run one after the other (one placeholder modem).</summary>
[CollectionDefinition(Name)]
public sealed class HylaFaxGroup : ICollectionFixture<HylaFaxServer>
{
    public const string Name = "hfaxd";
}
