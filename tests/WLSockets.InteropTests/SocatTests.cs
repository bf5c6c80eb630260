using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.InteropTests;

/// <summary>socat as a plain byte pipe: it records what we send, echoes it, or sends us a file, knowing nothing of WinDev.</summary>
public sealed class SocatTests
{
    public static TheoryData<string> Modes { get; } = new(ModeCase.All);

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Modes))]
    public async Task Socat_records_the_exact_bytes_we_send(string mode)
    {
        ModeCase c = ModeCase.Get(mode);
        List<byte[]> requests = Wire.Requests(c);
        using var temp = new TempDirectory();
        string file = temp.File("received.bin");
        (PeerProcess socat, int port) = await NetTools.StartSocatAsync("-u", "TCP-LISTEN:0,bind=127.0.0.1", $"OPEN:{file},creat,trunc");
        await using (socat)
        {
            await using (MessageConnection connection = await MessageConnection.ConnectAsync("127.0.0.1", port, c.Options(), Tools.Token))
            {
                foreach (byte[] request in requests)
                {
                    await connection.SendAsync(request, Tools.Token);
                }

                await connection.CloseAsync();
            }

            Assert.True(await socat.WaitForExitAsync(Tools.Timeout) == 0, socat.Describe());
        }

        Assert.Equal(Wire.Hex(c.Frames(requests)), Wire.Hex(await File.ReadAllBytesAsync(file, Tools.Token)));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Modes))]
    public async Task Messages_survive_a_round_trip_through_socat_and_cat(string mode)
    {
        ModeCase c = ModeCase.Get(mode);
        List<byte[]> requests = Wire.Requests(c);
        (PeerProcess socat, int port) = await NetTools.StartSocatAsync("TCP-LISTEN:0,bind=127.0.0.1", "EXEC:cat");
        await using (socat)
        {
            await using MessageConnection connection = await MessageConnection.ConnectAsync("127.0.0.1", port, c.Options(), Tools.Token);
            foreach (byte[] request in requests)
            {
                await connection.SendAsync(request, Tools.Token);
            }

            if (c.IsRaw)
            {
                byte[] wire = c.Frames(requests);
                Assert.Equal(Wire.Hex(wire), Wire.Hex(await Wire.ReceiveRawAsync(connection, wire.Length)));
            }
            else
            {
                foreach (byte[] request in requests)
                {
                    Assert.Equal(Wire.Hex(request), Wire.Hex(await connection.ReceiveAsync(Tools.Timeout, Tools.Token)));
                }
            }

            await connection.CloseAsync();
            Assert.True(await socat.WaitForExitAsync(Tools.Timeout) == 0, socat.Describe());
        }
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Modes))]
    public async Task Socat_client_receives_the_exact_bytes_our_listener_sends(string mode)
    {
        ModeCase c = ModeCase.Get(mode);
        List<byte[]> replies = Wire.Replies(c);
        using MessageListener listener = MessageListener.Start("127.0.0.1", 0, c.Options());
        await using PeerProcess socat = PeerProcess.Start(Tools.Socat, ["-u", $"TCP:127.0.0.1:{listener.LocalEndPoint.Port}", "STDOUT"]);
        await using (MessageConnection connection = await listener.AcceptAsync(Tools.Timeout, Tools.Token))
        {
            foreach (byte[] reply in replies)
            {
                await connection.SendAsync(reply, Tools.Token);
            }

            await connection.CloseAsync();
        }

        Assert.True(await socat.WaitForExitAsync(Tools.Timeout) == 0, socat.Describe());
        Assert.Equal(Wire.Hex(c.Frames(replies)), Wire.Hex(socat.StandardOutputBytes));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Modes))]
    public async Task Listener_decodes_a_frame_file_sent_by_socat(string mode)
    {
        ModeCase c = ModeCase.Get(mode);
        List<byte[]> requests = Wire.Requests(c);
        byte[] wire = c.Frames(requests);
        using var temp = new TempDirectory();
        string file = temp.File("frames.bin");
        await File.WriteAllBytesAsync(file, wire, Tools.Token);
        using MessageListener listener = MessageListener.Start("127.0.0.1", 0, c.Options());
        await using PeerProcess socat = PeerProcess.Start(Tools.Socat, ["-u", $"OPEN:{file}", $"TCP:127.0.0.1:{listener.LocalEndPoint.Port}"]);
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

                WLSocketException end = await Assert.ThrowsAsync<WLSocketException>(async () => await connection.ReceiveAsync(Tools.Timeout, Tools.Token));
                Assert.Equal(WLSocketError.ConnectionClosed, end.Error);
            }
        }

        Assert.True(await socat.WaitForExitAsync(Tools.Timeout) == 0, socat.Describe());
    }
}
