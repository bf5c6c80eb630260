using System.Globalization;
using System.Text;
using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.InteropTests;

/// <summary>
/// <c>wlsock listen 0 --bind 127.0.0.1 --mode M --count N [--hex] [--echo]</c> fed by the Python client and by ncat:
/// its stdout must be exactly one line per message.
/// </summary>
public sealed class CliListenTests
{
    public static TheoryData<string> Modes { get; } = new(ModeCase.All);

    public static TheoryData<string> FramedModes { get; } = new(ModeCase.All.Where(m => m != "raw"));

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Modes))]
    public async Task Listen_hex_prints_one_line_per_message_from_the_python_client(string mode)
    {
        ModeCase c = ModeCase.Get(mode);
        // Raw mode has no boundaries: one message in one write, read by one receive.
        List<byte[]> messages = c.IsRaw ? [Wire.Ansi("HelloWord")] : Wire.Requests(c, small: true);
        (PeerProcess wlsock, int port) = await Wlsock.ListenAsync([.. c.CliArguments(), "--count", Count(messages), "--hex"]);
        await using (wlsock)
        {
            await using PythonPeer client = PythonPeer.StartClient(c, port, messages, "batch");
            Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 0, wlsock.Describe());
            Assert.Equal(HexLines(messages), Encoding.ASCII.GetString(wlsock.StandardOutputBytes));
            await client.ReceivedHexAsync(); // the client saw the connection end cleanly
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Listen_prints_text_messages_as_lines()
    {
        ModeCase c = ModeCase.Get("length");
        (PeerProcess wlsock, int port) = await Wlsock.ListenAsync([.. c.CliArguments(), "--count", "2"]);
        await using (wlsock)
        {
            await using PythonPeer client = PythonPeer.StartClient(c, port, [Wire.Ansi("HelloWord"), Wire.Ansi("Hello world")]);
            Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 0, wlsock.Describe());
            Assert.Equal("HelloWord\nHello world\n", Encoding.ASCII.GetString(wlsock.StandardOutputBytes));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Listen_defaults_to_the_length_prefixed_mode()
    {
        ModeCase c = ModeCase.Get("length");
        (PeerProcess wlsock, int port) = await Wlsock.ListenAsync("--count", "1", "--hex");
        await using (wlsock)
        {
            await using PythonPeer client = PythonPeer.StartClient(c, port, [Wire.Ansi("HelloWord")]);
            Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 0, wlsock.Describe());
            Assert.Equal("48656c6c6f576f7264\n", Encoding.ASCII.GetString(wlsock.StandardOutputBytes));
        }
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(FramedModes))]
    public async Task Listen_decodes_an_ncat_file_of_several_frames(string mode)
    {
        ModeCase c = ModeCase.Get(mode);
        List<byte[]> messages = Wire.Requests(c, small: true);
        (PeerProcess wlsock, int port) = await Wlsock.ListenAsync([.. c.CliArguments(), "--count", Count(messages), "--hex"]);
        await using (wlsock)
        {
            using var temp = new TempDirectory();
            await using PeerProcess ncat = await NcatTests.SendFileAsync(temp, port, c.Frames(messages));
            Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 0, wlsock.Describe());
            Assert.Equal(HexLines(messages), Encoding.ASCII.GetString(wlsock.StandardOutputBytes));
        }
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Modes))]
    public async Task Listen_echo_answers_in_the_same_framing(string mode)
    {
        ModeCase c = ModeCase.Get(mode);
        List<byte[]> messages = c.IsRaw ? [Wire.Ansi("HelloWord")] : Wire.Requests(c, small: true);
        (PeerProcess wlsock, int port) = await Wlsock.ListenAsync([.. c.CliArguments(), "--count", Count(messages), "--hex", "--echo"]);
        await using (wlsock)
        {
            await using PythonPeer client = PythonPeer.StartClient(c, port, messages, "whole");
            Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 0, wlsock.Describe());
            Assert.Equal(Wire.Hex(c.Frames(messages)), await client.ReceivedHexAsync());
            Assert.Equal(HexLines(messages), Encoding.ASCII.GetString(wlsock.StandardOutputBytes));
        }
    }

    internal static string HexLines(IEnumerable<byte[]> messages) => string.Concat(messages.Select(m => Wire.Hex(m) + "\n"));

    internal static string Count<T>(ICollection<T> items) => items.Count.ToString(CultureInfo.InvariantCulture);
}
