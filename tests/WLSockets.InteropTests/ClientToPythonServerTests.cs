using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.InteropTests;

/// <summary>Our <see cref="MessageConnection"/> as a client of wd_server.py, which records the exact bytes it gets.</summary>
public sealed class ClientToPythonServerTests
{
    public static TheoryData<string, string> ModesAndSplits { get; } = Wire.ModesAndSplits();

    [Theory(Timeout = 60_000)]
    [InlineData("length", "HelloWord", "390d0a48656c6c6f576f7264")]
    [InlineData("length", "", "300d0a")]
    [InlineData("endtag-eof", "Hello world", "48656c6c6f20776f726c643c454f463e")]
    [InlineData("endtag-crlf", "Hello world", "48656c6c6f20776f726c640d0a")]
    [InlineData("endtag-buffer-eof", "HelloWord", "48656c6c6f576f72643c454f463e")]
    [InlineData("endtag-buffer-pipes", "HelloWord", "48656c6c6f576f72647c7c")]
    [InlineData("raw", "HelloWord", "48656c6c6f576f7264")]
    public async Task Sends_the_spec_example_bytes(string mode, string text, string expectedHex)
    {
        ModeCase c = ModeCase.Get(mode);
        await using PythonPeer server = await PythonPeer.StartServerAsync(c);
        await using (MessageConnection connection = await MessageConnection.ConnectAsync("127.0.0.1", server.Port, c.Options(), Tools.Token))
        {
            await connection.SendAsync(text, Tools.Token);
            await connection.CloseAsync();
        }

        Assert.Equal(expectedHex, await server.ReceivedHexAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task Sends_a_utf16_string_with_a_byte_count_header()
    {
        ModeCase c = ModeCase.Get("length");
        MessageConnectionOptions options = c.Options();
        options.Encoding = WLSockets.Text.WinDevEncodings.Utf16;
        await using PythonPeer server = await PythonPeer.StartServerAsync(c);
        await using (MessageConnection connection = await MessageConnection.ConnectAsync("127.0.0.1", server.Port, options, Tools.Token))
        {
            await connection.SendAsync("Hi", Tools.Token);
            await connection.CloseAsync();
        }

        Assert.Equal("340d0a48006900", await server.ReceivedHexAsync());
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(ModesAndSplits))]
    public async Task Exchanges_messages_with_the_python_server(string mode, string split)
    {
        ModeCase c = ModeCase.Get(mode);
        bool small = split == "bytes"; // one byte per write: keep it short
        List<byte[]> requests = Wire.Requests(c, small);
        List<byte[]> replies = Wire.Replies(c, small);
        byte[] requestWire = c.Frames(requests);
        byte[] replyWire = c.Frames(replies);
        string[] expect = c.IsRaw ? ["--expect-bytes", requestWire.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)] : ["--expect", requests.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)];

        await using PythonPeer server = await PythonPeer.StartServerAsync(c, [.. expect, "--split", split, .. PythonPeer.ReplyArguments(replies)]);
        await using (MessageConnection connection = await MessageConnection.ConnectAsync("127.0.0.1", server.Port, c.Options(), Tools.Token))
        {
            foreach (byte[] request in requests)
            {
                await connection.SendAsync(request, Tools.Token);
            }

            if (c.IsRaw)
            {
                Assert.Equal(Wire.Hex(replyWire), Wire.Hex(await Wire.ReceiveRawAsync(connection, replyWire.Length)));
            }
            else
            {
                for (int i = 0; i < replies.Count; i++)
                {
                    byte[] received = await connection.ReceiveAsync(Tools.Timeout, Tools.Token);
                    Assert.True(Wire.Hex(replies[i]) == Wire.Hex(received), $"reply {i}: expected {Wire.Hex(replies[i])}, got {Wire.Hex(received)}\n{server.Process.Describe()}");
                    if (i == 0 && c.Mode == TransmissionMode.EndTag && split == "batch")
                    {
                        // Several frames in one write: WinDev's SocketMarqueurFin reports the data after the marker.
                        Assert.True(connection.LastReceiveHadDataAfterMarker, "EndTag mode should flag the data after the first marker");
                    }
                    else if (c.Mode == TransmissionMode.EndTagBuffer)
                    {
                        Assert.False(connection.LastReceiveHadDataAfterMarker);
                    }
                }
            }

            await connection.CloseAsync();
        }

        Assert.Equal(Wire.Hex(requestWire), await server.ReceivedHexAsync());
        if (!c.IsRaw)
        {
            Assert.Equal(requests.Select(r => Wire.Hex(r)), server.Messages);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Raw_mode_bytes_come_back_unchanged_from_a_raw_echo()
    {
        ModeCase c = ModeCase.Get("raw");
        byte[] data = [.. Wire.Bytes("390d0a48656c6c6f576f7264"), .. "<EOF>"u8, 0x00, 0xFF, .. Wire.Pattern(10_000, 5)];
        await using PythonPeer echo = await PythonPeer.StartEchoAsync();
        await using (MessageConnection connection = await MessageConnection.ConnectAsync("127.0.0.1", echo.Port, c.Options(), Tools.Token))
        {
            await connection.SendAsync(data, Tools.Token);
            Assert.Equal(Wire.Hex(data), Wire.Hex(await Wire.ReceiveRawAsync(connection, data.Length)));
            await connection.CloseAsync();
        }

        Assert.Equal(Wire.Hex(data), await echo.ReceivedHexAsync());
    }
}
