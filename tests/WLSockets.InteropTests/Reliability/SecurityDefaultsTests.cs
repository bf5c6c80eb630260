using System.Net;
using System.Net.Sockets;
using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.InteropTests.Reliability;

/// <summary>
/// The secure defaults SECURITY.md promises: certificates validated, a maximum message size, no credentials in errors,
/// and a warning from <c>wlsock</c> when it listens on every interface.
/// </summary>
public class SecurityDefaultsTests
{
    [Fact]
    public void The_defaults_validate_certificates_and_bound_message_sizes()
    {
        Assert.Equal(64L * 1024 * 1024, new MessageConnectionOptions().MaxMessageSize);
        Assert.Equal(64L * 1024 * 1024, new WebSocketConnectionOptions().MaxMessageSize);
        Assert.Equal(64L * 1024 * 1024, WLangage.WLangageSettings.MaxMessageSize);
        var tls = new TlsClientOptions();
        Assert.False(tls.AllowInvalidCertificate);
        Assert.Null(tls.CertificateValidation);
        Assert.Null(tls.TrustedCertificates);
        Assert.False(WLangage.WLangageSettings.AcceptInvalidCertificates);
    }

    [Fact]
    public async Task A_self_signed_server_is_refused_without_an_explicit_opt_out()
    {
        using var certificate = CertificateLoader.CreateSelfSigned("localhost");
        await using var listener = MessageListener.Start("127.0.0.1", 0, null, new TlsServerOptions(certificate));
        var options = new MessageConnectionOptions { Tls = new TlsClientOptions { TargetHost = "localhost" } };
        var error = await Assert.ThrowsAsync<WLSocketException>(() =>
            MessageConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, options, Tools.Token).AsTask()).WaitAsync(Tools.Timeout, Tools.Token);
        Assert.Equal(WLSocketError.CertificateRejected, error.Error);
    }

    [Fact]
    public async Task A_wrong_proxy_password_is_never_in_the_error()
    {
        const string Password = "wrong-Pa55word-9f3e";
        await using Microsocks proxy = await Microsocks.StartAsync("USER", "PWD");
        var options = new MessageConnectionOptions { Proxy = new Socks5ProxyOptions("127.0.0.1", proxy.Port) { Username = "USER", Password = Password } };
        var error = await Assert.ThrowsAsync<WLSocketException>(() =>
            MessageConnection.ConnectAsync("127.0.0.1", 9, options, Tools.Token).AsTask()).WaitAsync(Tools.Timeout, Tools.Token);
        Assert.Equal(WLSocketError.ProxyFailure, error.Error);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal); // message, inner errors and stack
        Assert.DoesNotContain(Password, options.Proxy.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wlsock_warns_when_it_listens_on_every_interface_and_not_on_loopback()
    {
        // Every interface only inside a private network namespace (its sole interface is its own loopback).
        string ip = Tools.FindOnPath("ip") ?? (File.Exists("/usr/sbin/ip") ? "/usr/sbin/ip" : null) ?? "";
        string name = $"wlswarn{Environment.ProcessId}";
        if (ip.Length == 0 || !await RunAsync(ip, "netns", "add", name))
        {
            Assert.Skip("cannot create a private network namespace here (needs iproute2, root and CAP_SYS_ADMIN); wlsock is never bound to every interface of the machine itself");
        }

        try
        {
            Assert.True(await RunAsync(ip, "netns", "exec", name, ip, "link", "set", "lo", "up"));
            (PeerProcess everywhere, _) = await Wlsock.ListenUnderAsync([ip, "netns", "exec", name], "0.0.0.0");
            await using (everywhere)
            {
                string warning = await everywhere.WaitForErrorLineAsync(l => l.Contains("every network interface", StringComparison.Ordinal), Tools.Timeout, "the every-interface warning");
                Assert.Contains("--bind 127.0.0.1", warning, StringComparison.Ordinal);
            }
        }
        finally
        {
            await RunAsync(ip, "netns", "del", name);
        }

        // On loopback: a message goes through and no such warning was printed.
        (PeerProcess local, int port) = await Wlsock.ListenAsync();
        await using (local)
        {
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), Tools.Token);
            await client.SendAsync("2\r\nhi"u8.ToArray(), SocketFlags.None, Tools.Token);
            await local.WaitForOutputLineAsync(l => l == "hi", Tools.Timeout, "the message");
            Assert.DoesNotContain(local.StandardErrorLines, l => l.Contains("every network interface", StringComparison.Ordinal));
        }
    }

    private static async Task<bool> RunAsync(string program, params string[] arguments)
    {
        await using PeerProcess process = PeerProcess.Start(program, arguments);
        return await process.WaitForExitAsync(Tools.Timeout) == 0;
    }
}
