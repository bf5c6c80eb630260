using System.Net;
using System.Net.Sockets;
using System.Text;
using WLSockets.Text;

namespace WLSockets.Tests;

/// <summary>Messages go out and come back intact through MessageListener/MessageConnection, async and blocking.</summary>
public class RoundTripTests
{
    public static TheoryData<TransmissionMode, string, bool> ModesKindsAndApis()
    {
        var data = new TheoryData<TransmissionMode, string, bool>();
        foreach (TransmissionMode mode in Enum.GetValues<TransmissionMode>())
        {
            foreach (string kind in new[] { "ansi", "utf8", "utf16", "bytes" })
            {
                data.Add(mode, kind, false);
                data.Add(mode, kind, true);
            }
        }

        return data;
    }

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(ModesKindsAndApis))]
    public async Task Round_trip(TransmissionMode mode, string kind, bool sync)
    {
        var options = new MessageConnectionOptions { Mode = mode, Encoding = kind == "bytes" ? WinDevEncodings.Ansi : WinDevEncodings.FromName(kind) };
        await using Pair pair = await Loopback.PairAsync(options);

        // Text representable in the encoding (Windows-1252 has é, €, ü; the Unicode ones also CJK).
        string text = kind == "ansi" ? "Grüße, café à 5 € !" : "Grüße, café à 5 € ! 日本語 ✓";
        byte[] payload = kind == "bytes" ? RandomPayload(1000, seed: 7) : options.Encoding.GetBytes(text);

        // Client -> server -> client (the server echoes what it received).
        Task echo;
        if (mode == TransmissionMode.NoEndTag)
        {
            // Raw mode keeps no boundaries: gather until the whole payload is there.
            echo = Task.Run(async () => await pair.Server.SendAsync(await Loopback.ReceiveRawAsync(pair.Server, payload.Length), Loopback.Ct), Loopback.Ct);
        }
        else if (sync)
        {
            echo = Loopback.OnThread(() => pair.Server.Send(pair.Server.Receive(Loopback.Deadline)));
        }
        else
        {
            echo = Task.Run(async () => await pair.Server.SendAsync(await pair.Server.ReceiveAsync(Loopback.Ct), Loopback.Ct), Loopback.Ct);
        }

        byte[] back;
        if (sync)
        {
            back = await Loopback.OnThread(() =>
            {
                if (kind == "bytes")
                {
                    pair.Client.Send(payload);
                }
                else
                {
                    pair.Client.Send(text);
                }

                if (mode == TransmissionMode.NoEndTag)
                {
                    var gathered = new MemoryStream();
                    while (gathered.Length < payload.Length)
                    {
                        gathered.Write(pair.Client.Receive(Loopback.Deadline));
                    }

                    return gathered.ToArray();
                }

                return kind == "bytes" ? pair.Client.Receive(Loopback.Deadline) : options.Encoding.GetBytes(pair.Client.ReceiveString(Loopback.Deadline));
            }).Within();
        }
        else
        {
            if (kind == "bytes")
            {
                await pair.Client.SendAsync(payload, Loopback.Ct).Within();
            }
            else
            {
                await pair.Client.SendAsync(text, Loopback.Ct).Within();
            }

            back = mode == TransmissionMode.NoEndTag ? await Loopback.ReceiveRawAsync(pair.Client, payload.Length)
                : kind == "bytes" ? await pair.Client.ReceiveAsync(Loopback.Ct).Within()
                : options.Encoding.GetBytes(await pair.Client.ReceiveStringAsync(Loopback.Ct).Within());
        }

        await echo.Within();
        Assert.Equal(payload, back);
        if (kind != "bytes")
        {
            Assert.Equal(text, options.Encoding.GetString(back));
        }
    }

    [Theory(Timeout = 60_000)]
    [InlineData(TransmissionMode.SizePrefixed, false)]
    [InlineData(TransmissionMode.SizePrefixed, true)]
    [InlineData(TransmissionMode.EndTagBuffer, false)]
    [InlineData(TransmissionMode.EndTag, true)]
    public async Task Eight_MiB_message_arrives_intact(TransmissionMode mode, bool sync)
    {
        await using Pair pair = await Loopback.PairAsync(new MessageConnectionOptions { Mode = mode });
        byte[] payload = RandomPayload(8 * 1024 * 1024, seed: 8);

        // Sender and receiver run at the same time: 8 MiB does not fit in the socket buffers.
        Task send = sync ? Loopback.OnThread(() => pair.Client.Send(payload)) : pair.Client.SendAsync(payload, Loopback.Ct).AsTask();
        byte[] received = sync
            ? await Loopback.OnThread(() => pair.Server.Receive(Loopback.Deadline)).Within()
            : await pair.Server.ReceiveAsync(Loopback.Ct).Within();
        await send.Within();

        Assert.Equal(payload.Length, received.Length);
        Assert.True(payload.AsSpan().SequenceEqual(received), "the 8 MiB payload differs");
    }

    [Theory(Timeout = 30_000)]
    [InlineData("::1", "::1")]
    [InlineData("::1", "[::1]")]
    [InlineData("[::1]", "::1")]
    public async Task IPv6_loopback_listen_and_connect(string listenOn, string connectTo)
    {
        if (!Loopback.HasIPv6Loopback())
        {
            Assert.Skip("This machine cannot bind the IPv6 loopback address ::1.");
        }

        await using Pair pair = await Loopback.PairAsync(address: listenOn, connectTo: connectTo);
        Assert.Equal(AddressFamily.InterNetworkV6, pair.Listener.LocalEndPoint.AddressFamily);
        Assert.Equal(IPAddress.IPv6Loopback, pair.Client.RemoteEndPoint!.Address);
        await pair.Client.SendAsync("over IPv6", Loopback.Ct).Within();
        Assert.Equal("over IPv6", await pair.Server.ReceiveStringAsync(Loopback.Ct).Within());
    }

    [Fact(Timeout = 30_000)]
    public async Task IPv6_loopback_with_the_blocking_API()
    {
        if (!Loopback.HasIPv6Loopback())
        {
            Assert.Skip("This machine cannot bind the IPv6 loopback address ::1.");
        }

        using var listener = MessageListener.Start("::1", 0);
        (MessageConnection client, MessageConnection server) = await Loopback.OnThread(() =>
        {
            MessageConnection c = MessageConnection.Connect("[::1]", listener.LocalEndPoint.Port);
            return (c, listener.Accept(Loopback.Deadline));
        }).Within();
        using (client)
        using (server)
        {
            Assert.Equal(IPAddress.IPv6Loopback, server.RemoteEndPoint!.Address);
            string echoed = await Loopback.OnThread(() =>
            {
                client.Send("blocking v6");
                server.Send(server.Receive(Loopback.Deadline));
                return client.ReceiveString(Loopback.Deadline);
            }).Within();
            Assert.Equal("blocking v6", echoed);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Empty_host_connects_to_this_machine()
    {
        // S5: no address = the local machine (127.0.0.1, then ::1).
        using var listener = MessageListener.Start("127.0.0.1", 0);
        Task<MessageConnection> accept = listener.AcceptAsync(Loopback.Ct).AsTask();
        using MessageConnection client = await MessageConnection.ConnectAsync("", listener.LocalEndPoint.Port, cancellationToken: Loopback.Ct).Within();
        using MessageConnection server = await accept.Within();
        Assert.Equal(IPAddress.Loopback, client.RemoteEndPoint!.Address);
    }

    [Fact(Timeout = 30_000)]
    public async Task IPv4_loopback_listen_and_connect()
    {
        await using Pair pair = await Loopback.PairAsync(address: "127.0.0.1");
        Assert.Equal(AddressFamily.InterNetwork, pair.Listener.LocalEndPoint.AddressFamily);
        Assert.NotEqual(0, pair.Listener.LocalEndPoint.Port);
        Assert.Equal(IPAddress.Loopback, pair.Client.RemoteEndPoint!.Address);
        Assert.Equal(pair.Client.LocalEndPoint!.Port, pair.Server.RemoteEndPoint!.Port);
        await pair.Server.SendAsync("over IPv4", Loopback.Ct).Within();
        Assert.Equal("over IPv4", await pair.Client.ReceiveStringAsync(Loopback.Ct).Within());
    }

    [Fact(Timeout = 30_000)]
    public async Task Listener_on_any_IPv6_accepts_an_IPv4_client()
    {
        // G6: "::" is dual stack.
        if (!Loopback.HasIPv6Loopback())
        {
            Assert.Skip("This machine has no IPv6 stack, so a dual-stack listener on :: cannot be created.");
        }

        await using Pair pair = await Loopback.PairAsync(address: "::", connectTo: "127.0.0.1");
        IPAddress peer = pair.Server.RemoteEndPoint!.Address;
        Assert.True(peer.IsIPv4MappedToIPv6 || peer.AddressFamily == AddressFamily.InterNetwork, $"peer address {peer}");
        Assert.Equal(IPAddress.Loopback, peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer);
        await pair.Client.SendAsync("v4 to dual stack", Loopback.Ct).Within();
        Assert.Equal("v4 to dual stack", await pair.Server.ReceiveStringAsync(Loopback.Ct).Within());
    }

    [Fact(Timeout = 30_000)]
    public async Task Empty_messages_round_trip_in_framed_modes()
    {
        // F9: an empty length-prefixed message is "0" CR LF and reads back as an empty message.
        await using Pair pair = await Loopback.PairAsync();
        await pair.Client.SendAsync(ReadOnlyMemory<byte>.Empty, Loopback.Ct).Within();
        await pair.Client.SendAsync("after", Loopback.Ct).Within();
        Assert.Empty(await pair.Server.ReceiveAsync(Loopback.Ct).Within());
        Assert.Equal("after", await pair.Server.ReceiveStringAsync(Loopback.Ct).Within());
    }

    internal static byte[] RandomPayload(int length, int seed)
    {
        byte[] payload = new byte[length];
        new Random(seed).NextBytes(payload);
        // No '<' so the default marker <EOF> can never appear inside a marker-mode payload.
        for (int i = 0; i < payload.Length; i++)
        {
            if (payload[i] == (byte)'<')
            {
                payload[i] = (byte)'(';
            }
        }

        return payload;
    }
}
