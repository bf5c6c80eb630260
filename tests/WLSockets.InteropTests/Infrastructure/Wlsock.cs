using System.Globalization;
using System.Text.RegularExpressions;

namespace WLSockets.InteropTests.Infrastructure;

/// <summary>Runs the wlsock CLI (src/WLSockets.Cli) as <c>dotnet wlsock.dll ...</c>.</summary>
internal static partial class Wlsock
{
    /// <summary>Starts wlsock with <paramref name="arguments"/>.</summary>
    public static PeerProcess Start(params IEnumerable<string> arguments) =>
        PeerProcess.Start(Tools.DotnetHost, [Tools.WlsockDll, .. arguments]);

    /// <summary>Starts wlsock with <paramref name="arguments"/> and these environment variables set.</summary>
    public static PeerProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment) =>
        PeerProcess.Start(Tools.DotnetHost, [Tools.WlsockDll, .. arguments], environment: environment);

    /// <summary>
    /// Starts <c>wlsock listen 0 --bind 127.0.0.1</c> plus <paramref name="arguments"/> and reads the real port from
    /// its "listening on ADDR:PORT" line on stderr.
    /// </summary>
    public static Task<(PeerProcess Process, int Port)> ListenAsync(params IEnumerable<string> arguments) =>
        StartListeningAsync(["listen", "0", "--bind", "127.0.0.1", .. arguments], null);

    /// <summary><see cref="ListenAsync(IEnumerable{string})"/> with environment variables (for --password-env).</summary>
    public static Task<(PeerProcess Process, int Port)> ListenAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment) =>
        StartListeningAsync(["listen", "0", "--bind", "127.0.0.1", .. arguments], environment);

    /// <summary>Starts <c>wlsock udp listen 0 --bind 127.0.0.1</c> plus <paramref name="arguments"/> and reads its port.</summary>
    public static Task<(PeerProcess Process, int Port)> UdpListenAsync(params IEnumerable<string> arguments) =>
        StartListeningAsync(["udp", "listen", "0", "--bind", "127.0.0.1", .. arguments], null);

    /// <summary>
    /// Starts <c>wlsock trace --listen 127.0.0.1:0 --target 127.0.0.1:TARGETPORT</c> plus <paramref name="arguments"/> and
    /// reads the relay's port from its "listening on ADDR:PORT" line on stderr.
    /// </summary>
    public static Task<(PeerProcess Process, int Port)> TraceAsync(int targetPort, params IEnumerable<string> arguments) =>
        StartListeningAsync(["trace", "--listen", "127.0.0.1:0", "--target", "127.0.0.1:" + targetPort.ToString(CultureInfo.InvariantCulture), .. arguments], null);

    /// <summary>
    /// <see cref="ListenAsync(IEnumerable{string})"/> started through <paramref name="launcher"/> (a program and its
    /// arguments that run the command given after them, e.g. <c>prlimit --nofile=256:256</c> or <c>ip netns exec NS</c>),
    /// bound to <paramref name="bind"/>.
    /// </summary>
    public static Task<(PeerProcess Process, int Port)> ListenUnderAsync(IReadOnlyList<string> launcher, string bind, params IEnumerable<string> arguments) =>
        StartListeningAsync(["listen", "0", "--bind", bind, .. arguments], null, launcher);

    private static async Task<(PeerProcess Process, int Port)> StartListeningAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment,
        IReadOnlyList<string>? launcher = null)
    {
        PeerProcess process = launcher is null ? Start(arguments, environment)
            : PeerProcess.Start(launcher[0], [.. launcher.Skip(1), Tools.DotnetHost, Tools.WlsockDll, .. arguments]);
        try
        {
            string line = await process.WaitForErrorLineAsync(l => Listening().IsMatch(l), Tools.Timeout, "wlsock's \"listening on ADDR:PORT\" line");
            Assert.True(process.StandardErrorLines[0] == line, "\"listening on ADDR:PORT\" is not the first stderr line: " + process.Describe());
            Match match = Listening().Match(line);
            string bound = arguments.SkipWhile(a => a != "--bind").Skip(1).FirstOrDefault() ?? "127.0.0.1";
            Assert.True(match.Groups[1].Value == bound, "wlsock listens on " + match.Groups[1].Value + ", not on the --bind address: " + process.Describe());
            int port = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            Assert.True(port > 0, "wlsock reported port 0 instead of the real port: " + process.Describe());
            return (process, port);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs wlsock to its end (closing stdin at once unless <paramref name="input"/> is given) and returns it.</summary>
    public static async Task<PeerProcess> RunAsync(IEnumerable<string> arguments, byte[]? input = null)
    {
        PeerProcess process = Start(arguments);
        await process.WriteInputAndCloseAsync(input ?? [], Tools.Timeout);
        await process.WaitForExitAsync(Tools.Timeout);
        return process;
    }

    [GeneratedRegex(@"^listening on (.+):(\d+)\s*$")]
    private static partial Regex Listening();
}
