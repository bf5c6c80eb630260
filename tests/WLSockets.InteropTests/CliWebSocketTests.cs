using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.InteropTests;

/// <summary>
/// <c>wlsock ws URL</c> against an in-process Kestrel WebSocket echo, and the global <c>--socks5</c> option through a
/// real proxy (microsocks) for <c>send --reply</c> and <c>ws</c>; usage and runtime failures of the proxy options.
/// </summary>
public sealed class CliWebSocketTests
{
    private const string PasswordVariable = "WLSOCK_TEST_SOCKS_PASSWORD";

    [Fact(Timeout = 60_000)]
    public async Task Ws_sends_each_stdin_line_and_prints_each_echo()
    {
        await using KestrelEcho server = await KestrelEcho.StartAsync();
        await using PeerProcess wlsock = await Wlsock.RunAsync(["ws", server.Url("/echo"), "--protocol", "chat.v1", "-v"], Encoding.UTF8.GetBytes("HelloWord\nQui est là ?\n"));
        Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 0, wlsock.Describe());
        Assert.Equal("HelloWord\nQui est là ?\n", Encoding.UTF8.GetString(wlsock.StandardOutputBytes));
        Assert.Contains("sub-protocol: chat.v1", wlsock.StandardError, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Ws_hex_sends_binary_and_prints_binary_as_hex()
    {
        await using KestrelEcho server = await KestrelEcho.StartAsync();
        await using PeerProcess wlsock = await Wlsock.RunAsync(["ws", server.Url("/echo"), "--hex"], Encoding.ASCII.GetBytes("390d0a00ff\n48 69\n"));
        Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 0, wlsock.Describe());
        Assert.Equal("390d0a00ff\n4869\n", Encoding.ASCII.GetString(wlsock.StandardOutputBytes));
    }

    [Theory(Timeout = 60_000)]
    [InlineData(1000, 0)]
    [InlineData(1001, 0)]
    [InlineData(1011, 1)]
    public async Task Ws_reports_the_server_close_status(int status, int exitCode)
    {
        await using KestrelEcho server = await KestrelEcho.StartAsync();
        await using PeerProcess wlsock = Wlsock.Start("ws", server.Url("/close?code=" + status.ToString(CultureInfo.InvariantCulture)));
        Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == exitCode, wlsock.Describe());
        string line = Assert.Single(wlsock.StandardErrorLines);
        Assert.Contains("status " + status.ToString(CultureInfo.InvariantCulture), line, StringComparison.Ordinal);
        Assert.StartsWith(exitCode == 0 ? "wlsock: " : "wlsock: error: ", line, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Send_reply_goes_through_microsocks_with_a_password_from_the_environment()
    {
        const string Password = "s3cret-pw";
        await using Microsocks proxy = await Microsocks.StartAsync("wl", Password);
        (PeerProcess listen, int port) = await Wlsock.ListenAsync(["--echo", "--count", "1"]);
        await using (listen)
        {
            await using PeerProcess send = Wlsock.Start(
                ["--socks5", "127.0.0.1:" + proxy.Port.ToString(CultureInfo.InvariantCulture), "send", "127.0.0.1", port.ToString(CultureInfo.InvariantCulture),
                    "--socks-user", "wl", "--socks-password-env", PasswordVariable, "--reply", "-v", "HelloWord"],
                new Dictionary<string, string> { [PasswordVariable] = Password });
            await send.WriteInputAndCloseAsync(Array.Empty<byte>(), Tools.Timeout);
            Assert.True(await send.WaitForExitAsync(Tools.Timeout) == 0, send.Describe() + "\n" + proxy.Describe());
            Assert.Equal("HelloWord\n", Encoding.ASCII.GetString(send.StandardOutputBytes));
            Assert.Contains("through socks5://127.0.0.1:" + proxy.Port.ToString(CultureInfo.InvariantCulture), send.StandardError, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, send.StandardError + Encoding.UTF8.GetString(send.StandardOutputBytes), StringComparison.Ordinal);
            Assert.True(await listen.WaitForExitAsync(Tools.Timeout) == 0, listen.Describe());
            Assert.Equal("HelloWord\n", Encoding.ASCII.GetString(listen.StandardOutputBytes));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Send_tls_reply_goes_through_microsocks()
    {
        await using Microsocks proxy = await Microsocks.StartAsync();
        (PeerProcess listen, int port) = await Wlsock.ListenAsync(["--tls", "--self-signed", "--echo", "--count", "1"]);
        await using (listen)
        {
            await using PeerProcess send = await Wlsock.RunAsync(
                ["send", "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), "--tls", "--insecure", "--reply",
                    "--socks5", "127.0.0.1:" + proxy.Port.ToString(CultureInfo.InvariantCulture), "HelloWord"]);
            Assert.True(await send.WaitForExitAsync(Tools.Timeout) == 0, send.Describe() + "\n" + proxy.Describe());
            Assert.Equal("HelloWord\n", Encoding.ASCII.GetString(send.StandardOutputBytes));
            Assert.True(await listen.WaitForExitAsync(Tools.Timeout) == 0, listen.Describe());
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Ws_goes_through_microsocks_with_socks5h()
    {
        await using Microsocks proxy = await Microsocks.StartAsync();
        await using KestrelEcho server = await KestrelEcho.StartAsync();
        await using PeerProcess wlsock = await Wlsock.RunAsync(
            ["ws", server.Url("/echo"), "--socks5", "socks5h://127.0.0.1:" + proxy.Port.ToString(CultureInfo.InvariantCulture), "-v"],
            Encoding.UTF8.GetBytes("one\ntwo\n"));
        Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 0, wlsock.Describe() + "\n" + proxy.Describe());
        Assert.Equal("one\ntwo\n", Encoding.UTF8.GetString(wlsock.StandardOutputBytes));
        Assert.Contains("through socks5h://127.0.0.1:" + proxy.Port.ToString(CultureInfo.InvariantCulture), wlsock.StandardError, StringComparison.Ordinal);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("send", "--socks5", "127.0.0.1:1080", "--socks-user", "u", "--socks-password-env", "WLSOCK_TEST_UNSET_VARIABLE")]
    [InlineData("ws", "--socks5", "127.0.0.1:1080", "--socks-user", "u", "--socks-password-env", "WLSOCK_TEST_UNSET_VARIABLE")]
    [InlineData("send", "--socks5", "127.0.0.1:99999")]
    [InlineData("send", "--socks5", "http://127.0.0.1:8080")]
    [InlineData("ws", "--socks5", "u:pw@127.0.0.1:1080")]
    [InlineData("send", "--socks-user", "u")]
    public async Task Bad_proxy_options_are_usage_errors(string command, params string[] options)
    {
        string[] target = command == "ws" ? ["ws", "ws://127.0.0.1:1/"] : ["send", "127.0.0.1", "1", "HelloWord"];
        await using PeerProcess wlsock = await Wlsock.RunAsync([.. target, .. options]);
        Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 2, wlsock.Describe());
        string line = Assert.Single(wlsock.StandardErrorLines);
        Assert.StartsWith("wlsock: error: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("pw@", line, StringComparison.Ordinal);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("listen", "0", "--bind", "127.0.0.1")]
    [InlineData("udp", "send", "127.0.0.1", "9", "x")]
    public async Task Proxy_options_on_a_command_that_is_not_a_client_are_usage_errors(params string[] command)
    {
        await using PeerProcess wlsock = await Wlsock.RunAsync(["--socks5", "127.0.0.1:1080", .. command]);
        Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 2, wlsock.Describe());
        Assert.Contains("applies to the client commands", Assert.Single(wlsock.StandardErrorLines), StringComparison.Ordinal);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("send")]
    [InlineData("ws")]
    public async Task A_proxy_that_is_down_is_one_error_line_and_exit_1(string command)
    {
        int closed = NetTools.FreeLoopbackPort();
        using var target = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        target.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        target.Listen();
        string port = ((IPEndPoint)target.LocalEndPoint!).Port.ToString(CultureInfo.InvariantCulture);
        string[] arguments = command == "ws" ? ["ws", $"ws://127.0.0.1:{port}/"] : ["send", "127.0.0.1", port, "HelloWord"];
        await using PeerProcess wlsock = await Wlsock.RunAsync([.. arguments, "--socks5", "127.0.0.1:" + closed.ToString(CultureInfo.InvariantCulture), "--timeout", "5000"]);
        Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 1, wlsock.Describe());
        string line = Assert.Single(wlsock.StandardErrorLines);
        Assert.StartsWith("wlsock: error: ", line, StringComparison.Ordinal);
        Assert.Empty(wlsock.StandardOutputBytes);
    }
}
