using WLSockets.Tests;

namespace WLSockets.Chat.Tests;

/// <summary>Two chat servers joined by a real redis-server, including Redis killed and restarted mid-run.</summary>
public class RedisBackplaneTests
{
    private static TestServer StartServer(RedisServer redis, string room = "test") => TestServer.Start(o => o.Redis = new ChatRedisOptions
    {
        Endpoint = redis.Endpoint,
        Room = room,
        GapTimeout = TimeSpan.FromSeconds(10),
    });

    private static Task StateAsync(TestServer server, ChatBackplaneState state) =>
        ChatKit.UntilAsync(() => server.Server.BackplaneState == state, $"the backplane to be {state} (it is {server.Server.BackplaneState}); log:\n{server.Log}");

    [Fact]
    public async Task Clients_of_two_servers_see_one_conversation_exactly_once_even_across_a_Redis_restart()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        await using TestServer a = StartServer(redis);
        await using TestServer b = StartServer(redis);
        await StateAsync(a, ChatBackplaneState.Joined);
        await StateAsync(b, ChatBackplaneState.Joined);
        await using ChatClient a1 = await ChatClient.ConnectAsync("127.0.0.1", a.Port, "a1", cancellationToken: Loopback.Ct).Within();
        await using ChatClient a2 = await ChatClient.ConnectAsync("127.0.0.1", a.Port, "a2", cancellationToken: Loopback.Ct).Within();
        await using ChatClient b1 = await ChatClient.ConnectAsync("127.0.0.1", b.Port, "b1", cancellationToken: Loopback.Ct).Within();
        await a.WaitForClientsAsync(2);
        await b.WaitForClientsAsync(1);
        ChatClient[] everyone = [a1, a2, b1];
        var seen = everyone.ToDictionary(c => c, _ => new List<string>());

        async Task ExpectAsync(ChatClient client, params string[] texts)
        {
            List<string> got = await ChatKit.ReceiveTextsAsync(client, texts.Length);
            seen[client].AddRange(got);
            Assert.Equal(texts.Order(StringComparer.Ordinal), got.Order(StringComparer.Ordinal));
        }

        // 1. Joined: every message reaches the three clients once.
        await a1.SendAsync("one", Loopback.Ct).Within();
        await b1.SendAsync("two", Loopback.Ct).Within();
        await Task.WhenAll(everyone.Select(c => ExpectAsync(c, "a1 : one", "b1 : two"))).Within();

        // 2. Redis dies: each server goes on with its own clients, and says so.
        await redis.KillAsync();
        await StateAsync(a, ChatBackplaneState.Down);
        await StateAsync(b, ChatBackplaneState.Down);
        Assert.Contains(a.Notices, n => n.Level == ChatNoticeLevel.Warning && n.Text.Contains("local clients only", StringComparison.Ordinal));
        await a2.SendAsync("during A", Loopback.Ct).Within();
        await b1.SendAsync("during B", Loopback.Ct).Within();
        await Task.WhenAll(ExpectAsync(a1, "a2 : during A"), ExpectAsync(a2, "a2 : during A"), ExpectAsync(b1, "b1 : during B")).Within();

        // 3. Redis returns on the same port: both rejoin (subscription proven by their own hello) and catch up.
        await redis.RestartAsync();
        await StateAsync(a, ChatBackplaneState.Joined);
        await StateAsync(b, ChatBackplaneState.Joined);
        await Task.WhenAll(ExpectAsync(a1, "b1 : during B"), ExpectAsync(a2, "b1 : during B"), ExpectAsync(b1, "a2 : during A")).Within();

        // 4. After the catch-up, nothing more came twice: the next message is the next one everyone receives.
        await a1.SendAsync("end", Loopback.Ct).Within();
        await Task.WhenAll(everyone.Select(c => ExpectAsync(c, "a1 : end"))).Within();
        foreach ((ChatClient client, List<string> texts) in seen)
        {
            Assert.Equal(5, texts.Count);
            Assert.Equal(texts.Distinct().Count(), texts.Count);
        }

        Assert.Equal(2, a.Server.MessagesFromOtherServers);
        Assert.Equal(3, b.Server.MessagesFromOtherServers);
    }

    [Fact]
    public async Task A_server_started_while_Redis_is_down_serves_locally_then_joins_when_it_comes()
    {
        await using RedisServer redis = RedisServer.OnFreePort();
        await using TestServer a = StartServer(redis, "late");
        await StateAsync(a, ChatBackplaneState.Down);
        await using ChatClient a1 = await ChatClient.ConnectAsync("127.0.0.1", a.Port, "a1", cancellationToken: Loopback.Ct).Within();
        await a1.SendAsync("alone", Loopback.Ct).Within();
        Assert.Equal("a1 : alone", (await a1.ReceiveAsync(Loopback.Ct).Within()).Text);

        await redis.RestartAsync();
        await StateAsync(a, ChatBackplaneState.Joined);
        await using TestServer b = StartServer(redis, "late");
        await StateAsync(b, ChatBackplaneState.Joined);
        await using ChatClient b1 = await ChatClient.ConnectAsync("127.0.0.1", b.Port, "b1", cancellationToken: Loopback.Ct).Within();
        await b.WaitForClientsAsync(1);

        // The newcomer gets no history (as a WinDev client joining late), then everything from now on.
        await a1.SendAsync("hello b", Loopback.Ct).Within();
        Assert.Equal("a1 : hello b", (await b1.ReceiveAsync(Loopback.Ct).Within()).Text);
        Assert.Equal("a1 : hello b", (await a1.ReceiveAsync(Loopback.Ct).Within()).Text);
    }

    [Fact]
    public async Task Rooms_are_separate_conversations()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        await using TestServer a = StartServer(redis, "room-a");
        await using TestServer b = StartServer(redis, "room-b");
        await using TestServer c = StartServer(redis, "room-a");
        await Task.WhenAll(StateAsync(a, ChatBackplaneState.Joined), StateAsync(b, ChatBackplaneState.Joined), StateAsync(c, ChatBackplaneState.Joined));
        await using ChatClient inB = await ChatClient.ConnectAsync("127.0.0.1", b.Port, "b", cancellationToken: Loopback.Ct).Within();
        await using ChatClient inC = await ChatClient.ConnectAsync("127.0.0.1", c.Port, "c", cancellationToken: Loopback.Ct).Within();
        await using ChatClient inA = await ChatClient.ConnectAsync("127.0.0.1", a.Port, "a", cancellationToken: Loopback.Ct).Within();
        await Task.WhenAll(a.WaitForClientsAsync(1), b.WaitForClientsAsync(1), c.WaitForClientsAsync(1));

        await inA.SendAsync("for room a", Loopback.Ct).Within();
        Assert.Equal("a : for room a", (await inC.ReceiveAsync(Loopback.Ct).Within()).Text);
        await inB.SendAsync("for room b", Loopback.Ct).Within();
        Assert.Equal("b : for room b", (await inB.ReceiveAsync(Loopback.Ct).Within()).Text);
        await inC.SendAsync("again a", Loopback.Ct).Within();
        Assert.Equal("a : for room a", (await inA.ReceiveAsync(Loopback.Ct).Within()).Text);
        Assert.Equal("c : again a", (await inA.ReceiveAsync(Loopback.Ct).Within()).Text);
        Assert.Equal(0, b.Server.MessagesFromOtherServers);
    }
}
