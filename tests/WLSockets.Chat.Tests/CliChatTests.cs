using WLSockets.Text;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using WLSockets.Chat.Rtf;
using WLSockets.InteropTests.Infrastructure;
using WLSockets.Tests;

namespace WLSockets.Chat.Tests;

/// <summary><c>wlsock chat</c> as a user runs it: the server's log lines, the scriptable client, the terminal screen in tmux.</summary>
public partial class CliChatTests
{
    [Fact]
    public async Task The_quiet_server_logs_clients_and_a_scripted_client_sends_its_lines_and_prints_the_conversation()
    {
        await using PeerProcess server = Wlsock.Start("chat", "server", "--port", "0", "--bind", "127.0.0.1", "--quiet");
        string ready = await server.WaitForErrorLineAsync(l => Listening().IsMatch(l), Tools.Timeout, "the listening line");
        int port = int.Parse(Listening().Match(ready).Groups[1].Value, CultureInfo.InvariantCulture);
        await using ChatClient observer = await ChatClient.ConnectAsync("127.0.0.1", port, "Obs", cancellationToken: Loopback.Ct).Within();

        PeerProcess bot = await Wlsock.RunAsync(["chat", "client", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--nick", "Bot"],
            Encoding.UTF8.GetBytes("Salut\n\nça va ?\n"));
        await using (bot)
        {
            Assert.True(bot.HasExited && await bot.WaitForExitAsync(Tools.Timeout) == 0, bot.Describe());
            Assert.Equal(["Bot : Salut", "Bot : ça va ?"], bot.StandardOutputLines);
        }

        Assert.Equal("Bot : Salut", (await observer.ReceiveAsync(Loopback.Ct).Within()).Text);
        ChatLine accented = await observer.ReceiveAsync(Loopback.Ct).Within();
        Assert.Equal("Bot : ça va ?", accented.Text);
        Assert.Equal(0xE7, accented.Raw[6]); // ç in Windows-1252 on the wire, whatever the terminal's encoding

        await server.WaitForOutputLineAsync(l => Regex.IsMatch(l, @"^\d\d:\d\d:\d\d 127\.0\.0\.1:\d+ connected as C[0-9a-f]{16}$"), Tools.Timeout, "a connection log line");
        await server.WaitForOutputLineAsync(l => l.EndsWith("left: said BYE", StringComparison.Ordinal), Tools.Timeout, "the BYE log line");
    }

    [Fact]
    public async Task The_rtf_client_sends_the_WinDev_document_and_shows_it_as_text()
    {
        await using TestServer server = TestServer.Start();
        await using ChatClient observer = await ChatClient.ConnectAsync("127.0.0.1", server.Port, "Obs", cancellationToken: Loopback.Ct).Within();
        PeerProcess bot = await Wlsock.RunAsync(["chat", "client", "127.0.0.1", "--port", server.Port.ToString(CultureInfo.InvariantCulture), "--nick", "Zoé", "--rtf"],
            Encoding.UTF8.GetBytes("été\n"));
        await using (bot)
        {
            Assert.True(await bot.WaitForExitAsync(Tools.Timeout) == 0, bot.Describe());
            Assert.Equal(["Zoé : été"], bot.StandardOutputLines);
        }

        ChatLine line = await observer.ReceiveAsync(Loopback.Ct).Within();
        Assert.True(line.WasRtf);
        Assert.Equal(Encoding.ASCII.GetBytes(RtfMessage.Build("Zoé", "été")), line.Raw);
    }

    [Fact]
    public async Task A_client_whose_server_is_not_there_fails_with_a_message()
    {
        RedisServer free = RedisServer.OnFreePort(); // only its free port is used
        await using PeerProcess client = await Wlsock.RunAsync(["chat", "client", "127.0.0.1", "--port", free.Port.ToString(CultureInfo.InvariantCulture), "--nick", "X"]);
        Assert.Equal(1, await client.WaitForExitAsync(Tools.Timeout));
        Assert.Contains("refused", client.StandardError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_terminal_screen_shows_the_conversation_and_sends_what_is_typed()
    {
        await using TestServer server = TestServer.Start();
        await using ChatClient bob = await ChatClient.ConnectAsync("127.0.0.1", server.Port, "Bob", cancellationToken: Loopback.Ct).Within();
        await using Tmux tmux = await Tmux.StartAsync([Tools.DotnetHost, Tools.WlsockDll, "chat", "client", "127.0.0.1",
            "--port", server.Port.ToString(CultureInfo.InvariantCulture), "--nick", "Alice"]);
        await tmux.WaitForScreenAsync(s => s.Contains("Alice on the server: 127.0.0.1", StringComparison.Ordinal), "the title");
        await server.WaitForClientsAsync(2);

        await bob.SendAsync("bonjour Alice", Loopback.Ct).Within();
        Assert.Equal("Bob : bonjour Alice", (await bob.ReceiveAsync(Loopback.Ct).Within()).Text);
        await tmux.WaitForScreenAsync(s => s.Contains("Bob : bonjour Alice", StringComparison.Ordinal), "Bob's message");

        await tmux.SendKeysAsync("-l", "Salut Bob");
        await tmux.WaitForScreenAsync(s => s.Contains("> Salut Bob", StringComparison.Ordinal), "the typed text on the input line");
        await tmux.SendKeysAsync("Enter");
        Assert.Equal("Alice : Salut Bob", (await bob.ReceiveAsync(Loopback.Ct).Within()).Text);
        string screen = await tmux.WaitForScreenAsync(s => s.Contains("Alice : Salut Bob", StringComparison.Ordinal), "Alice's own message, echoed by the server");
        Assert.True(screen.IndexOf("Bob : bonjour Alice", StringComparison.Ordinal) < screen.IndexOf("Alice : Salut Bob", StringComparison.Ordinal), screen);

        await tmux.SendKeysAsync("Escape");
        await ChatKit.UntilAsync(() => server.Notices.Any(n => n.Text.Contains("said BYE", StringComparison.Ordinal)), "Alice's BYE");
        await server.WaitForClientsAsync(1);
    }

    [GeneratedRegex(@"^listening on 127\.0\.0\.1:(\d+)$")]
    private static partial Regex Listening();
}
