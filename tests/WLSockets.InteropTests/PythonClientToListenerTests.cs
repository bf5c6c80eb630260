using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.InteropTests;

/// <summary>wd_client.py as the client of our <see cref="MessageListener"/>: we decode its frames, it records our replies.</summary>
public sealed class PythonClientToListenerTests
{
    public static TheoryData<string, string> ModesAndSplits { get; } = Wire.ModesAndSplits();

    [Theory(Timeout = 60_000)]
    [InlineData("length", "HelloWord", "390d0a48656c6c6f576f7264")]
    [InlineData("endtag-eof", "Hello world", "48656c6c6f20776f726c643c454f463e")]
    [InlineData("endtag-crlf", "Hello world", "48656c6c6f20776f726c640d0a")]
    [InlineData("endtag-buffer-eof", "HelloWord", "48656c6c6f576f72643c454f463e")]
    [InlineData("endtag-buffer-pipes", "HelloWord", "48656c6c6f576f72647c7c")]
    [InlineData("raw", "HelloWord", "48656c6c6f576f7264")]
    public async Task Accepted_connection_replies_with_the_spec_example_bytes(string mode, string text, string expectedHex)
    {
        ModeCase c = ModeCase.Get(mode);
        using MessageListener listener = MessageListener.Start("127.0.0.1", 0, c.Options());
        await using PythonPeer client = PythonPeer.StartClient(c, listener.LocalEndPoint.Port, []);
        await using (MessageConnection connection = await listener.AcceptAsync(Tools.Timeout, Tools.Token))
        {
            await connection.SendAsync(text, Tools.Token);
            await connection.CloseAsync();
        }

        Assert.Equal(expectedHex, await client.ReceivedHexAsync());
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(ModesAndSplits))]
    public async Task Listener_exchanges_messages_with_the_python_client(string mode, string split)
    {
        ModeCase c = ModeCase.Get(mode);
        bool small = split == "bytes";
        List<byte[]> requests = Wire.Requests(c, small);
        List<byte[]> replies = Wire.Replies(c, small);
        byte[] requestWire = c.Frames(requests);
        byte[] replyWire = c.Frames(replies);

        using MessageListener listener = MessageListener.Start("127.0.0.1", 0, c.Options());
        await using PythonPeer client = PythonPeer.StartClient(c, listener.LocalEndPoint.Port, requests, split);
        await using (MessageConnection connection = await listener.AcceptAsync(Tools.Timeout, Tools.Token))
        {
            Assert.Equal(c.Mode, connection.Mode);
            if (c.IsRaw)
            {
                Assert.Equal(Wire.Hex(requestWire), Wire.Hex(await Wire.ReceiveRawAsync(connection, requestWire.Length)));
            }
            else
            {
                for (int i = 0; i < requests.Count; i++)
                {
                    byte[] received = await connection.ReceiveAsync(Tools.Timeout, Tools.Token);
                    Assert.True(Wire.Hex(requests[i]) == Wire.Hex(received), $"message {i}: expected {Wire.Hex(requests[i])}, got {Wire.Hex(received)}\n{client.Process.Describe()}");
                }
            }

            foreach (byte[] reply in replies)
            {
                await connection.SendAsync(reply, Tools.Token);
            }

            await connection.CloseAsync();
        }

        Assert.Equal(Wire.Hex(replyWire), await client.ReceivedHexAsync());
        if (!c.IsRaw)
        {
            Assert.Equal(replies.Select(r => Wire.Hex(r)), client.Messages);
        }
    }
}
