using System.Text;
using WLSockets.Tests.Fakes;
using WLSockets.WLangage;
using static WLSockets.Tests.WLangage.FacadeTestSupport;
using static WLSockets.WLangage.Fonctions;

namespace WLSockets.Tests.WebSockets;

/// <summary>WebSocketClientConnecte, both syntaxes, against Kestrel and Python websockets.</summary>
public class WebSocketFacadeTests
{
    [Theory]
    [MemberData(nameof(WebSocketPeer.Both), MemberType = typeof(WebSocketPeer))]
    public async Task Synchronous_syntax_sends_and_reads_whole_messages(string server)
    {
        await using WebSocketPeer peer = await WebSocketPeer.StartAsync(server);
        Uri uri = peer.Uri("/echo");
        string name = UniqueName("ws");
        await OnThread(() =>
        {
            Assert.True(WebSocketClientConnecte(name, "127.0.0.1", uri.Port, "echo", "mqtt, soap"), ErreurInfo()); // W7: "/" added
            try
            {
                Assert.True(SocketEcrit(name, "Bonjour le monde !"), ErreurInfo());
                string text = SocketLit(name, Vrai(), 0);
                Assert.Equal("Bonjour le monde !", text);

                byte[] buffer = [0xC3, 0x00, 0xFF];
                Assert.True(SocketEcrit(name, buffer), ErreurInfo());
                byte[] back = SocketLit(name, true);
                Assert.Equal(buffer, back);

                Assert.Equal("127.0.0.1", SocketClientInfo(name, SocketAdresse));
                Assert.True(SocketChangeModeTransmission(name, SocketSansMarqueurFin));
                Assert.False(SocketChangeModeTransmission(name, SocketTailleDébut));
                Assert.Equal((int)WLSocketError.InvalidSocketKind, (int)ErreurInfo(errCode));

                WLData nothing = SocketLit(name, false, 100); // a read timeout: "" without error
                Assert.True(nothing.IsEmpty);
                Assert.False(ErreurDétectée);
            }
            finally
            {
                SocketFerme(name);
            }

            Assert.False(SocketExiste(name));
        });
    }

    [Fact]
    public async Task Synchronous_failures_return_false_and_leave_no_name()
    {
        await using KestrelWebSocketServer server = await KestrelWebSocketServer.StartAsync();
        string name = UniqueName("ws-fail");
        int closedPort;
        using (RawServer gone = RawServer.Start())
        {
            closedPort = gone.Port;
        }

        await OnThread(() =>
        {
            Assert.False(WebSocketClientConnecte(name, "127.0.0.1", closedPort));
            Assert.Equal((int)WLSocketError.ConnectionRefused, (int)ErreurInfo(errCode));
            Assert.Equal("WebSocketClientConnecte", (string)ErreurInfo(errPendant));
            Assert.False(SocketExiste(name));

            Assert.False(WebSocketClientConnecte(name, "127.0.0.1", server.Port, "/missing"));
            Assert.Equal((int)WLSocketError.WebSocketHandshakeFailed, (int)ErreurInfo(errCode));

            Assert.False(WebSocketClientConnecte(name, "ws://127.0.0.1", server.Port));
            Assert.Equal((int)WLSocketError.InvalidArgument, (int)ErreurInfo(errCode));

            Assert.False(Functions.WebSocketClientConnect(name, "", server.Port));
            Assert.Equal((int)WLSocketError.InvalidArgument, (int)ErreurInfo(errCode));
            Assert.False(SocketExiste(name));

            Assert.True(Functions.WebSocketClientConnect(name, "127.0.0.1", server.Port, "/echo", "", 5000), ErreurInfo());
            Assert.False(Functions.WebSocketClientConnect(name, "127.0.0.1", server.Port, "/echo"));
            Assert.Equal((int)WLSocketError.NameInUse, (int)ErreurInfo(errCode));
            Functions.SocketClose(name);
        });
    }

    [Theory]
    [MemberData(nameof(WebSocketPeer.Both), MemberType = typeof(WebSocketPeer))]
    public async Task Asynchronous_syntax_raises_opening_messages_then_closing(string server)
    {
        await using WebSocketPeer peer = await WebSocketPeer.StartAsync(server);
        string name = UniqueName("ws-async");
        var events = new FacadeEvents(name);
        WebSocketClientConnecte(name, events.Procedure((kind, _) =>
        {
            if (kind == SocketOuverture)
            {
                SocketEcrit(name, "premier message"); // allowed from the opening on
            }
        }), "127.0.0.1", peer.Uri("/").Port, "/echo");
        Assert.False(ErreurDétectée);
        Assert.True(SocketExiste(name)); // taken while connecting (W14)

        FacadeEvents.Event opening = await events.NextAsync();
        Assert.Equal((SocketOuverture, ""), (opening.Kind, opening.Message));
        FacadeEvents.Event message = await events.NextAsync();
        Assert.Equal((SocketMessage, "premier message"), (message.Kind, message.Message));

        // W11: the messages go to the procedure, SocketLit does not apply.
        Assert.Equal("", (string)SocketLit(name, false, 0));
        Assert.Equal((int)WLSocketError.InvalidSocketKind, (int)ErreurInfo(errCode));

        Assert.True(SocketEcrit(name, "deuxième"));
        Assert.Equal("deuxième", (await events.NextAsync()).Message);

        SocketFerme(name);
        FacadeEvents.Event closing = await events.NextAsync();
        Assert.Equal((SocketFermeture, "1000"), (closing.Kind, closing.Message));
        Assert.True(await events.NoMoreWithinAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Theory]
    [InlineData(WebSocketPeer.Kestrel, "/close?code=4001&reason=bye", "4001")]
    [InlineData(WebSocketPeer.Python, "/close", "4002")]
    public async Task A_server_close_raises_closing_with_its_code_and_the_name_stays(string server, string path, string code)
    {
        await using WebSocketPeer peer = await WebSocketPeer.StartAsync(server);
        Uri uri = peer.Uri(path);
        string name = UniqueName("ws-closed");
        var events = new FacadeEvents(name);
        Functions.WebSocketClientConnect(name, events.Procedure(), "127.0.0.1", uri.Port, uri.PathAndQuery);

        Assert.Equal(SocketOuverture, (await events.NextAsync()).Kind);
        FacadeEvents.Event closing = await events.NextAsync();
        Assert.Equal((SocketFermeture, code), (closing.Kind, closing.Message));
        Assert.True(SocketExiste(name)); // W14: until SocketFerme
        Assert.False(SocketEcrit(name, "trop tard"));
        Assert.Equal((int)WLSocketError.ConnectionClosed, (int)ErreurInfo(errCode));
        SocketFerme(name);
        Assert.False(SocketExiste(name));
    }

    [Fact]
    public async Task A_dropped_connection_raises_error_with_the_reason()
    {
        await using KestrelWebSocketServer server = await KestrelWebSocketServer.StartAsync();
        string name = UniqueName("ws-drop");
        var events = new FacadeEvents(name);
        WebSocketClientConnecte(name, events.Procedure((kind, _) =>
        {
            if (kind == SocketOuverture)
            {
                SocketEcrit(name, "x"); // the server drops the connection on its first message
            }
        }), "127.0.0.1", server.Port, "/drop");

        Assert.Equal(SocketOuverture, (await events.NextAsync()).Kind);
        FacadeEvents.Event error = await events.NextAsync();
        Assert.Equal(SocketErreur, error.Kind);
        Assert.Contains("without a closing handshake", error.Message, StringComparison.Ordinal); // W12: the text, both variants
        SocketFerme(name);
    }

    [Fact]
    public async Task A_failed_asynchronous_connect_frees_the_name_before_raising_error()
    {
        int closedPort;
        using (RawServer gone = RawServer.Start())
        {
            closedPort = gone.Port;
        }

        string name = UniqueName("ws-refused");
        var events = new FacadeEvents(name);
        WebSocketClientConnecte(name, events.Procedure(), "127.0.0.1", closedPort);
        FacadeEvents.Event error = await events.NextAsync();
        Assert.Equal(SocketErreur, error.Kind);
        Assert.Contains("refused", error.Message, StringComparison.Ordinal);
        Assert.False(error.NameExists); // W14
        Assert.True(await events.NoMoreWithinAsync(TimeSpan.FromMilliseconds(200)));

        // An argument error: the call's last error and the procedure both hear of it.
        var invalid = new FacadeEvents(name);
        WebSocketClientConnecte(name, invalid.Procedure(), "127.0.0.1", 0);
        Assert.Equal((int)WLSocketError.InvalidArgument, (int)ErreurInfo(errCode));
        Assert.Equal(SocketErreur, (await invalid.NextAsync()).Kind);
    }

    [Fact]
    public async Task Events_run_on_the_synchronization_context_of_the_call_one_at_a_time()
    {
        await using KestrelWebSocketServer server = await KestrelWebSocketServer.StartAsync();
        using var ui = new SingleThreadContext();
        string name = UniqueName("ws-ui");
        var events = new FacadeEvents(name);
        int running = 0;
        int overlaps = 0;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ui.Post(_ =>
        {
            WebSocketClientConnecte(name, events.Procedure((kind, _) =>
            {
                if (Interlocked.Increment(ref running) > 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                if (kind == SocketOuverture)
                {
                    for (int i = 0; i < 20; i++)
                    {
                        SocketEcrit(name, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }
                }

                Interlocked.Decrement(ref running);
            }), "127.0.0.1", server.Port, "/echo");
            started.SetResult();
        }, null);
        await started.Task.Within();

        Assert.Equal(SocketOuverture, (await events.NextAsync()).Kind);
        for (int i = 0; i < 20; i++)
        {
            FacadeEvents.Event message = await events.NextAsync();
            Assert.Equal((SocketMessage, i.ToString(System.Globalization.CultureInfo.InvariantCulture), ui.ThreadId), (message.Kind, message.Message, message.ThreadId));
        }

        Assert.Equal(0, overlaps);
        SocketFerme(name);
        FacadeEvents.Event closing = await events.NextAsync();
        Assert.Equal((SocketFermeture, ui.ThreadId), (closing.Kind, closing.ThreadId));
    }

    [Fact]
    public async Task Text_frames_are_utf8_whatever_the_socket_encoding()
    {
        await using KestrelWebSocketServer server = await KestrelWebSocketServer.StartAsync();
        string name = UniqueName("ws-utf8");
        await OnThread(() =>
        {
            Assert.True(WebSocketClientConnecte(name, "127.0.0.1", server.Port, "/echo"), ErreurInfo());
            Assert.True(SocketEcrit(name, "é€"));
            byte[] raw = SocketLit(name);
            Assert.Equal(Encoding.UTF8.GetBytes("é€"), raw);
            SocketFerme(name);
        });
    }

    private static bool Vrai() => true;

    private static Task OnThread(Action body) => RunThread(body).Within();
}
