using System.Globalization;
using System.Text;
using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.InteropTests;

/// <summary><c>wlsock send HOST PORT [--mode M] [--reply] MESSAGE...</c> against the Python server and against <c>wlsock listen --echo</c>.</summary>
public sealed class CliSendTests
{
    public static TheoryData<string> Modes { get; } = new(ModeCase.All);

    public static TheoryData<string> FramedModes { get; } = new(ModeCase.All.Where(m => m != "raw"));

    [Theory(Timeout = 60_000)]
    [InlineData("length", "390d0a48656c6c6f576f7264" + "31310d0a48656c6c6f20776f726c64")]
    [InlineData("endtag-eof", "48656c6c6f576f72643c454f463e" + "48656c6c6f20776f726c643c454f463e")]
    [InlineData("endtag-crlf", "48656c6c6f576f72640d0a" + "48656c6c6f20776f726c640d0a")]
    [InlineData("endtag-buffer-eof", "48656c6c6f576f72643c454f463e" + "48656c6c6f20776f726c643c454f463e")]
    [InlineData("endtag-buffer-pipes", "48656c6c6f576f72647c7c" + "48656c6c6f20776f726c647c7c")]
    [InlineData("raw", "48656c6c6f576f7264" + "48656c6c6f20776f726c64")]
    public async Task Send_writes_the_spec_bytes(string mode, string expectedHex)
    {
        ModeCase c = ModeCase.Get(mode);
        await using PythonPeer server = await PythonPeer.StartServerAsync(c);
        await using PeerProcess wlsock = await Wlsock.RunAsync(["send", "127.0.0.1", Port(server), .. c.CliArguments(), "HelloWord", "Hello world"]);
        Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 0, wlsock.Describe());
        Assert.Equal(expectedHex, await ReceivedAfterAsync(server, wlsock));
    }

    [Fact(Timeout = 60_000)]
    public async Task Send_sends_each_stdin_line_as_one_message()
    {
        ModeCase c = ModeCase.Get("length");
        await using PythonPeer server = await PythonPeer.StartServerAsync(c);
        await using PeerProcess wlsock = await Wlsock.RunAsync(["send", "127.0.0.1", Port(server)], Encoding.ASCII.GetBytes("HelloWord\nHello world\n"));
        Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 0, wlsock.Describe());
        Assert.Equal("390d0a48656c6c6f576f7264" + "31310d0a48656c6c6f20776f726c64", await ReceivedAfterAsync(server, wlsock));
    }

    [Fact(Timeout = 60_000)]
    public async Task Send_encodes_utf16_strings_with_a_byte_count()
    {
        ModeCase c = ModeCase.Get("length");
        await using PythonPeer server = await PythonPeer.StartServerAsync(c);
        await using PeerProcess wlsock = await Wlsock.RunAsync(["send", "127.0.0.1", Port(server), "--mode", "length", "--encoding", "utf16", "Hi"]);
        Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 0, wlsock.Describe());
        Assert.Equal("340d0a48006900", await ReceivedAfterAsync(server, wlsock));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(FramedModes))]
    public async Task Send_reply_prints_one_reply_per_message(string mode)
    {
        ModeCase c = ModeCase.Get(mode);
        byte[][] replies = [Wire.Ansi("OK"), Wire.Ansi("Hello world")];
        await using PythonPeer server = await PythonPeer.StartServerAsync(c, ["--reply-each", .. PythonPeer.ReplyArguments(replies)]);
        await using PeerProcess wlsock = await Wlsock.RunAsync(["send", "127.0.0.1", Port(server), .. c.CliArguments(), "--reply", "--timeout", "20000", "HelloWord", "Hi"]);
        Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 0, wlsock.Describe());
        Assert.Equal("OK\nHello world\n", Encoding.ASCII.GetString(wlsock.StandardOutputBytes));
        Assert.Equal(Wire.Hex(c.Frames([Wire.Ansi("HelloWord"), Wire.Ansi("Hi")])), await ReceivedAfterAsync(server, wlsock));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Modes))]
    public async Task Send_reply_round_trips_through_listen_echo(string mode)
    {
        ModeCase c = ModeCase.Get(mode);
        // Raw mode has no boundaries: a single message, so one receive gets exactly it back.
        string[] messages = c.IsRaw ? ["HelloWord"] : ["HelloWord", "Hello world", "Caf"];
        (PeerProcess listen, int port) = await Wlsock.ListenAsync([.. c.CliArguments(), "--echo", "--count", messages.Length.ToString(CultureInfo.InvariantCulture)]);
        await using (listen)
        {
            await using PeerProcess send = await Wlsock.RunAsync(["send", "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), .. c.CliArguments(), "--reply", "--timeout", "20000", .. messages]);
            string expected = string.Concat(messages.Select(m => m + "\n"));
            Assert.True(await send.WaitForExitAsync(Tools.Timeout) == 0, send.Describe());
            Assert.Equal(expected, Encoding.ASCII.GetString(send.StandardOutputBytes));
            Assert.True(await listen.WaitForExitAsync(Tools.Timeout) == 0, listen.Describe());
            Assert.Equal(expected, Encoding.ASCII.GetString(listen.StandardOutputBytes));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Send_to_a_closed_port_exits_1_with_one_stderr_line()
    {
        int port = NetTools.FreeLoopbackPort(); // bound then released: nothing listens there
        await using PeerProcess wlsock = await Wlsock.RunAsync(["send", "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), "--timeout", "5000", "HelloWord"]);
        Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 1, wlsock.Describe());
        IReadOnlyList<string> lines = wlsock.StandardErrorLines;
        Assert.True(lines.Count == 1 && lines[0].Trim().Length > 0, "expected exactly one stderr line: " + wlsock.Describe());
        Assert.Empty(wlsock.StandardOutputBytes);
    }

    /// <summary>
    /// What the Python server received, once wlsock has exited: its connection is closed by then, so the server ends
    /// within moments; if it does not, wlsock never connected or left the connection open.
    /// </summary>
    private static async Task<string> ReceivedAfterAsync(PythonPeer server, PeerProcess wlsock)
    {
        try
        {
            return await server.ReceivedHexAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException("wlsock has exited but the Python server did not see its connection end. wlsock: " + wlsock.Describe() + "\nserver: " + ex.Message, ex);
        }
    }

    private static string Port(PythonPeer server) => server.Port.ToString(CultureInfo.InvariantCulture);
}
