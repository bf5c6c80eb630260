using System.Net;
using System.Net.Sockets;
using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.Chat.Tests;

/// <summary>A private <c>redis-server</c> on 127.0.0.1 and a free port, without persistence; can be killed and restarted on the same port.</summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private readonly string _program;
    private PeerProcess? _process;

    private RedisServer(string program, int port)
    {
        _program = program;
        Port = port;
    }

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>A free port with nothing listening on it yet (the test may start Redis there later).</summary>
    public static RedisServer OnFreePort()
    {
        string program = Tools.Require("redis-server", "redis-server");
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return new RedisServer(program, ((IPEndPoint)probe.LocalEndPoint!).Port);
    }

    public static async Task<RedisServer> StartAsync()
    {
        RedisServer redis = OnFreePort();
        await redis.RestartAsync();
        return redis;
    }

    /// <summary>Starts redis-server (again) and waits until it accepts connections.</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        _process = PeerProcess.Start(_program, ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--daemonize", "no"]);
        await _process.WaitForOutputLineAsync(l => l.Contains("Ready to accept connections", StringComparison.Ordinal), Tools.Timeout, "redis-server to be ready");
    }

    /// <summary>Kills redis-server at once (no shutdown), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    public ValueTask DisposeAsync() => new(KillAsync());
}
