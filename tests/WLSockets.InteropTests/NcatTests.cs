using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.InteropTests;

/// <summary>ncat sends pre-made frame files to our listener (<c>ncat --send-only 127.0.0.1 PORT &lt; frames.bin</c>) and records what we send.</summary>
public sealed class NcatTests
{
    public static TheoryData<string> Modes { get; } = new(ModeCase.All);

    [Theory(Timeout = 60_000)]
    [InlineData("length", "390d0a48656c6c6f576f7264", new[] { "48656c6c6f576f7264" })]
    [InlineData("length", "390d0a48656c6c6f576f7264" + "300d0a" + "31320d0a48656c6c6f20576f726c6421", new[] { "48656c6c6f576f7264", "", "48656c6c6f20576f726c6421" })]
    [InlineData("length", "390a48656c6c6f576f7264" + "300a", new[] { "48656c6c6f576f7264", "" })] // bare LF: accepted by the reference reader
    [InlineData("endtag-eof", "48656c6c6f20776f726c643c454f463e", new[] { "48656c6c6f20776f726c64" })]
    [InlineData("endtag-eof", "613c454f3c454f463e" + "3c3c454f463e", new[] { "613c454f", "3c" })] // "a<EO" and "<" before the marker
    [InlineData("endtag-eof", "48656c6c6f20776f726c643c454f463e" + "3c454f463e" + "413c454f463e", new[] { "48656c6c6f20776f726c64", "", "41" })]
    [InlineData("endtag-crlf", "48656c6c6f20776f726c640d0a" + "410d0a" + "0d0a", new[] { "48656c6c6f20776f726c64", "41", "" })]
    [InlineData("endtag-buffer-eof", "48656c6c6f576f72643c454f463e" + "3c454f463e" + "413c454f463e", new[] { "48656c6c6f576f7264", "", "41" })]
    [InlineData("endtag-buffer-pipes", "48656c6c6f576f72647c7c" + "417c7c", new[] { "48656c6c6f576f7264", "41" })]
    public async Task Listener_decodes_a_spec_frame_file_sent_by_ncat(string mode, string fileHex, string[] expectedHex)
    {
        ModeCase c = ModeCase.Get(mode);
        using MessageListener listener = MessageListener.Start("127.0.0.1", 0, c.Options());
        using var temp = new TempDirectory();
        await using PeerProcess ncat = await SendFileAsync(temp, listener.LocalEndPoint.Port, Wire.Bytes(fileHex));
        await using (MessageConnection connection = await listener.AcceptAsync(Tools.Timeout, Tools.Token))
        {
            foreach (string expected in expectedHex)
            {
                Assert.Equal(expected, Wire.Hex(await connection.ReceiveAsync(Tools.Timeout, Tools.Token)));
            }

            WLSocketException end = await Assert.ThrowsAsync<WLSocketException>(async () => await connection.ReceiveAsync(Tools.Timeout, Tools.Token));
            Assert.Equal(WLSocketError.ConnectionClosed, end.Error);
        }

        Assert.True(await ncat.WaitForExitAsync(Tools.Timeout) == 0, ncat.Describe());
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Modes))]
    public async Task Listener_decodes_a_file_of_several_frames_sent_by_ncat(string mode)
    {
        ModeCase c = ModeCase.Get(mode);
        List<byte[]> requests = Wire.Requests(c);
        byte[] wire = c.Frames(requests);
        using MessageListener listener = MessageListener.Start("127.0.0.1", 0, c.Options());
        using var temp = new TempDirectory();
        await using PeerProcess ncat = await SendFileAsync(temp, listener.LocalEndPoint.Port, wire);
        await using (MessageConnection connection = await listener.AcceptAsync(Tools.Timeout, Tools.Token))
        {
            if (c.IsRaw)
            {
                Assert.Equal(Wire.Hex(wire), Wire.Hex(await Wire.ReceiveRawToEndAsync(connection)));
            }
            else
            {
                foreach (byte[] request in requests)
                {
                    Assert.Equal(Wire.Hex(request), Wire.Hex(await connection.ReceiveAsync(Tools.Timeout, Tools.Token)));
                }
            }
        }

        Assert.True(await ncat.WaitForExitAsync(Tools.Timeout) == 0, ncat.Describe());
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Modes))]
    public async Task Ncat_records_the_exact_bytes_we_send(string mode)
    {
        ModeCase c = ModeCase.Get(mode);
        List<byte[]> requests = Wire.Requests(c);
        (PeerProcess ncat, int port) = await NetTools.StartNcatListenerAsync("--recv-only");
        await using (ncat)
        {
            await using (MessageConnection connection = await MessageConnection.ConnectAsync("127.0.0.1", port, c.Options(), Tools.Token))
            {
                foreach (byte[] request in requests)
                {
                    await connection.SendAsync(request, Tools.Token);
                }

                await connection.CloseAsync();
            }

            Assert.True(await ncat.WaitForExitAsync(Tools.Timeout) == 0, ncat.Describe());
            Assert.Equal(Wire.Hex(c.Frames(requests)), Wire.Hex(ncat.StandardOutputBytes));
        }
    }

    /// <summary>Writes <paramref name="frames"/> to frames.bin and runs <c>ncat --send-only 127.0.0.1 PORT &lt; frames.bin</c>.</summary>
    internal static async Task<PeerProcess> SendFileAsync(TempDirectory temp, int port, byte[] frames)
    {
        string ncat = Tools.Ncat;
        string file = temp.File("frames.bin");
        await File.WriteAllBytesAsync(file, frames, Tools.Token);
        PeerProcess process = PeerProcess.Start("/bin/sh", ["-c", "exec \"$0\" --send-only 127.0.0.1 \"$1\" < \"$2\"", ncat, port.ToString(System.Globalization.CultureInfo.InvariantCulture), file]);
        return process;
    }
}
