using System.Net;
using RawSocket = System.Net.Sockets.Socket;
using AddressFamily = System.Net.Sockets.AddressFamily;
using ProtocolType = System.Net.Sockets.ProtocolType;
using SocketError = System.Net.Sockets.SocketError;
using SocketException = System.Net.Sockets.SocketException;
using SocketType = System.Net.Sockets.SocketType;
using System.Text;
using System.Text.RegularExpressions;
using WLSockets.Text;
using WLSockets.WLangage;
using static WLSockets.Tests.WLangage.FacadeTestSupport;
using static WLSockets.WLangage.Fonctions;

namespace WLSockets.Tests.WLangage;

/// <summary>Each documented behaviour of the French facade (tcp-core.md, open-questions.md), one test each.</summary>
public partial class FacadeBehaviourTests
{
    /// <summary>A listener, a client connected to it, and the accepted channel.</summary>
    internal static (string Listener, string Client, string Channel) Connected(int mode = SocketTailleDébut, string marker = "<EOF>")
    {
        string listener = UniqueName("L");
        int port = CreateListener(listener);
        if (mode != SocketTailleDébut)
        {
            Assert.True(SocketChangeModeTransmission(listener, mode, marker));
        }

        string client = UniqueName("C");
        Assert.True(SocketConnecte(client, port, "127.0.0.1"), ErreurInfo());
        if (mode != SocketTailleDébut)
        {
            Assert.True(SocketChangeModeTransmission(client, mode, marker));
        }

        Assert.True(SocketAttendConnexion(listener, 5000), ErreurInfo());
        string channel = SocketAccepte(listener);
        Assert.NotEqual("", channel);
        return (listener, client, channel);
    }

    internal static void CloseAll(params string[] names)
    {
        foreach (string name in names)
        {
            SocketFerme(name);
        }
    }

    [Fact]
    public void Length_prefixed_round_trip_in_both_directions()
    {
        (string l, string c, string ch) = Connected();
        Assert.True(SocketEcrit(c, "HelloWord"));
        Assert.Equal("HelloWord", (string)SocketLit(ch, false, 5000));
        Assert.True(SocketEcrit(ch, new byte[] { 0, 1, 2, 255 }));
        byte[] buffer = SocketLit(c, false, 5000);
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, buffer);
        Assert.False(ErreurDétectée);
        CloseAll(c, ch, l);
    }

    [Fact]
    public void SocketEcrit_sends_the_exact_winDev_bytes()
    {
        string listener = UniqueName("L");
        int port = CreateListener(listener);
        string client = UniqueName("C");
        Assert.True(SocketConnecte(client, port, "127.0.0.1"));
        Assert.True(SocketAttendConnexion(listener, 5000));
        string channel = SocketAccepte(listener);
        Assert.True(SocketChangeModeTransmission(channel, SocketSansMarqueurFin));

        Assert.True(SocketEcrit(client, "HelloWord"));
        Assert.Equal("390d0a48656c6c6f576f7264", ReadHex(channel, 12));

        Assert.True(SocketChangeModeTransmission(client, SocketMarqueurFin));
        Assert.True(SocketEcrit(client, "Hello world"));
        Assert.Equal("48656c6c6f20776f726c643c454f463e", ReadHex(channel, 16));

        Assert.True(SocketChangeModeTransmission(client, SocketMarqueurFin, CRLF));
        Assert.True(SocketEcrit(client, "Hello world"));
        Assert.Equal("48656c6c6f20776f726c640d0a", ReadHex(channel, 13));

        Assert.True(SocketChangeModeTransmission(client, SocketMarqueurFinBuffer, EOT));
        Assert.True(SocketEcrit(client, "é"));
        Assert.Equal("e904", ReadHex(channel, 2));
        CloseAll(client, channel, listener);
    }

    internal static string ReadHex(string name, int count)
    {
        var all = new List<byte>();
        while (all.Count < count)
        {
            byte[] chunk = SocketLit(name, false, 5000, count - all.Count);
            Assert.False(ErreurDétectée, ErreurInfo());
            Assert.NotEmpty(chunk);
            all.AddRange(chunk);
        }

        return Convert.ToHexString(all.ToArray()).ToLowerInvariant();
    }

    [Fact]
    public void Channel_names_are_C_and_16_hex_digits_and_inherit_the_listener_mode()
    {
        (string l, string c, string ch) = Connected(SocketMarqueurFin, CRLF);
        Assert.Matches(ChannelName(), ch);
        Assert.True(SocketEcrit(c, "ligne"));
        Assert.Equal("ligne", (string)SocketLit(ch, false, 5000));
        CloseAll(c, ch, l);
    }

    [GeneratedRegex("^C[0-9a-f]{16}$")]
    private static partial Regex ChannelName();

    [Fact]
    public void Read_timeout_returns_empty_without_error_and_keeps_waiting_data()
    {
        (string l, string c, string ch) = Connected();
        WLData nothing = SocketLit(ch, false, 50);
        Assert.True(nothing.IsEmpty);
        Assert.False(ErreurDétectée);
        Assert.True(SocketEcrit(c, "après"));
        Assert.Equal("après", (string)SocketLit(ch, false, 5000));
        CloseAll(c, ch, l);
    }

    [Fact]
    public void Peer_close_gives_empty_and_100031_then_again_on_every_read()
    {
        (string l, string c, string ch) = Connected();
        SocketFerme(c);
        Assert.Equal("", (string)SocketLit(ch, false, 5000));
        Assert.True(ErreurDétectée);
        Assert.Equal(100031, (int)ErreurInfo(errCode));
        Assert.Equal("", (string)SocketLit(ch, false, 5000));
        Assert.True(ErreurInfo(errCode) == 100031);
        Assert.True(SocketExiste(ch)); // the name stays until SocketFerme
        CloseAll(ch, l);
    }

    [Fact]
    public void Unknown_name_fails_with_the_documented_value_and_names_the_function()
    {
        string name = UniqueName("absent");
        Assert.Equal("", (string)SocketLit(name, false, 10));
        Assert.True(ErreurDétectée);
        Assert.Equal((int)WLSocketError.UnknownSocket, (int)ErreurInfo(errCode));
        Assert.Equal("SocketLit", (string)ErreurInfo(errPendant));
        Assert.Contains(name, (string)ErreurInfo());
        Assert.False(SocketEcrit(name, "x"));
        Assert.False(SocketChangeModeTransmission(name, SocketMarqueurFin));
        Assert.Equal("", SocketClientInfo(name, SocketAdresse));
        Assert.Equal("", SocketAccepte(name));
        Assert.False(SocketAttendConnexion(name, 0));
        SocketFerme(name);
        Assert.True(ErreurDétectée);
        Assert.Equal("SocketFerme", (string)ErreurInfo(errPendant));
        Assert.False(SocketExiste(name));
        Assert.False(ErreurDétectée); // SocketExiste never fails and clears the last error
    }

    [Fact]
    public void Names_are_case_sensitive()
    {
        string name = UniqueName("Casse");
        int port = CreateListener(name);
        Assert.True(port > 0);
        Assert.True(SocketExiste(name));
        Assert.False(SocketExiste(name.ToUpperInvariant()));
        SocketFerme(name);
    }

    [Fact]
    public void Empty_name_is_refused_everywhere()
    {
        Assert.False(SocketCrée("", FreePort()));
        Assert.Equal((int)WLSocketError.EmptyName, (int)ErreurInfo(errCode));
        Assert.False(SocketConnecte("", 1, "127.0.0.1"));
        Assert.Equal((int)WLSocketError.EmptyName, (int)ErreurInfo(errCode));
        Assert.False(SocketExiste(""));
    }

    [Fact]
    public void Name_already_in_use_fails_and_leaves_the_existing_socket_alone()
    {
        string name = UniqueName("Pris");
        int port = CreateListener(name);
        Assert.False(SocketCrée(name, FreePort(), "127.0.0.1"));
        Assert.Equal((int)WLSocketError.NameInUse, (int)ErreurInfo(errCode));
        Assert.False(SocketConnecte(name, port, "127.0.0.1"));
        Assert.Equal((int)WLSocketError.NameInUse, (int)ErreurInfo(errCode));
        Assert.True(SocketExiste(name));

        string client = UniqueName("C");
        Assert.True(SocketConnecte(client, port, "127.0.0.1"), ErreurInfo()); // the listener still works
        CloseAll(client, name);
    }

    [Fact]
    public void Port_in_use_fails_with_a_clear_error()
    {
        string first = UniqueName("L1");
        int port = CreateListener(first);
        string second = UniqueName("L2");
        Assert.False(SocketCrée(second, port, "127.0.0.1"));
        Assert.True(ErreurDétectée);
        Assert.Equal((int)WLSocketError.AddressInUse, (int)ErreurInfo(errCode));
        Assert.Contains("in use", (string)ErreurInfo(), StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(0, (int)ErreurInfo(errCodeSystème));
        Assert.False(SocketExiste(second));
        SocketFerme(first);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    public void Invalid_port_is_refused(int port)
    {
        Assert.False(SocketCrée(UniqueName("P"), port));
        Assert.Equal((int)WLSocketError.InvalidArgument, (int)ErreurInfo(errCode));
        Assert.False(SocketConnecte(UniqueName("P"), port, "127.0.0.1"));
        Assert.Equal((int)WLSocketError.InvalidArgument, (int)ErreurInfo(errCode));
    }

    [Fact]
    public void Connection_refused_fails_fast_and_registers_nothing()
    {
        int port = FreePort(); // bound then released: nothing listens there
        string name = UniqueName("Refus");
        var started = DateTime.UtcNow;
        Assert.False(SocketConnecte(name, port, "127.0.0.1"));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4), "a refusal must not wait for the whole timeout");
        Assert.Equal((int)WLSocketError.ConnectionRefused, (int)ErreurInfo(errCode));
        Assert.Contains("refused", (string)ErreurInfo(), StringComparison.OrdinalIgnoreCase);
        Assert.False(SocketExiste(name));
    }

    [Fact]
    public void Unresolvable_host_fails_with_host_not_found()
    {
        string name = UniqueName("Hôte");
        Assert.False(SocketConnecte(name, 5000, Loopback.UnresolvableHost));
        Assert.Equal((int)WLSocketError.HostNotFound, (int)ErreurInfo(errCode));
        Assert.Contains(Loopback.UnresolvableHost, (string)ErreurInfo());
        Assert.False(SocketExiste(name));
    }

    [Fact]
    public void Connect_timeout_fails_with_timeout()
    {
        string listener = UniqueName("L");
        int port = CreateListener(listener);
        // A zero budget expires before the TCP handshake can complete, whatever the machine's speed.
        Assert.False(SocketConnecte(UniqueName("T"), port, "127.0.0.1", TimeSpan.Zero));
        Assert.Equal((int)WLSocketError.Timeout, (int)ErreurInfo(errCode));
        SocketFerme(listener);
    }

    [Fact]
    public void Connect_without_address_reaches_this_machine()
    {
        string listener = UniqueName("L");
        int port = CreateListener(listener, "");
        string client = UniqueName("C");
        Assert.True(SocketConnecte(client, port), ErreurInfo());
        CloseAll(client, listener);
    }

    [Fact]
    public void SocketAccepte_without_a_pending_connection_returns_empty_immediately()
    {
        string listener = UniqueName("L");
        CreateListener(listener);
        Assert.Equal("", SocketAccepte(listener));
        Assert.Equal((int)WLSocketError.NoPendingConnection, (int)ErreurInfo(errCode));
        SocketFerme(listener);
    }

    [Fact]
    public void SocketAttendConnexion_times_out_with_false_and_no_error()
    {
        string listener = UniqueName("L");
        CreateListener(listener);
        Assert.False(SocketAttendConnexion(listener, 0));
        Assert.False(SocketAttendConnexion(listener, 30));
        Assert.False(ErreurDétectée);
        SocketFerme(listener);
    }

    [Fact(Timeout = 20_000)]
    public async Task SocketAttendConnexion_returns_false_when_another_thread_closes_the_listener()
    {
        string listener = UniqueName("L");
        CreateListener(listener);
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool? result = null;
        Task waiter = RunThread(() =>
        {
            waiting.SetResult();
            result = SocketAttendConnexion(listener, Infini);
        });
        await waiting.Task.WaitAsync(WaitLimit, TestContext.Current.CancellationToken);
        SocketFerme(listener);
        await waiter.WaitAsync(WaitLimit, TestContext.Current.CancellationToken);
        Assert.False(result);
        Assert.False(SocketExiste(listener));
    }

    [Fact]
    public void SocketRefuse_closes_pending_requests_and_is_refused_on_a_channel()
    {
        string listener = UniqueName("L");
        int port = CreateListener(listener);
        using var raw = new RawSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        raw.Connect(IPAddress.Loopback, port);
        Assert.True(SocketAttendConnexion(listener, 5000));
        Assert.True(SocketRefuse(listener));
        Assert.False(SocketAttendConnexion(listener, 0)); // nothing pending any more
        raw.ReceiveTimeout = 5000;
        var buffer = new byte[1];
        int n;
        try
        {
            n = raw.Receive(buffer);
        }
        catch (SocketException ex)
        {
            Assert.Equal(SocketError.ConnectionReset, ex.SocketErrorCode);
            n = 0;
        }

        Assert.Equal(0, n);

        (string l2, string c, string ch) = Connected();
        Assert.False(SocketRefuse(ch));
        Assert.Equal((int)WLSocketError.InvalidSocketKind, (int)ErreurInfo(errCode));
        CloseAll(c, ch, l2, listener);
    }

    [Fact]
    public void Invalid_mode_and_information_constants_fail()
    {
        (string l, string c, string ch) = Connected();
        Assert.False(SocketChangeModeTransmission(c, 7));
        Assert.Equal((int)WLSocketError.InvalidArgument, (int)ErreurInfo(errCode));
        Assert.Equal("", SocketClientInfo(ch, 99));
        Assert.True(ErreurDétectée);
        Assert.False(SocketChangeModeTransmission(c, SocketMarqueurFin, ""));
        Assert.True(ErreurDétectée);
        CloseAll(c, ch, l);
    }

    [Fact]
    public void SocketClientInfo_gives_the_client_address_and_ephemeral_port()
    {
        (string l, string c, string ch) = Connected();
        Assert.Equal("127.0.0.1", SocketClientInfo(ch, SocketAdresse));
        string port = SocketClientInfo(ch, SocketPort);
        Assert.True(int.TryParse(port, out int p) && p > 0);
        Assert.Equal("127.0.0.1", SocketClientInfo(c, SocketAdresse)); // on a client: the server's address
        Assert.Equal("", SocketClientInfo(l, SocketAdresse)); // listener with no simplified client yet
        Assert.Equal((int)WLSocketError.NoClient, (int)ErreurInfo(errCode));
        CloseAll(c, ch, l);
    }

    [Fact]
    public void Simplified_server_reads_and_writes_on_the_listening_name()
    {
        string serveur = UniqueName("Simple");
        int port = CreateListener(serveur);
        string client = UniqueName("C");
        Assert.True(SocketConnecte(client, port, "127.0.0.1"));
        Assert.True(SocketEcrit(client, "question"));
        Assert.Equal("question", (string)SocketLit(serveur, false, 5000));
        Assert.Equal("127.0.0.1", SocketClientInfo(serveur, SocketAdresse));
        Assert.True(SocketEcrit(serveur, "réponse"));
        Assert.Equal("réponse", (string)SocketLit(client, false, 5000));

        // When that client goes, the next read takes the next client.
        SocketFerme(client);
        Assert.Equal("", (string)SocketLit(serveur, false, 5000));
        Assert.Equal(100031, (int)ErreurInfo(errCode));
        string suivant = UniqueName("C2");
        Assert.True(SocketConnecte(suivant, port, "127.0.0.1"));
        Assert.True(SocketEcrit(suivant, "deuxième"));
        Assert.Equal("deuxième", (string)SocketLit(serveur, false, 5000));
        CloseAll(suivant, serveur);
    }

    [Fact]
    public void Simplified_server_read_with_nobody_connected_times_out_quietly()
    {
        string serveur = UniqueName("Simple");
        CreateListener(serveur);
        Assert.Equal("", (string)SocketLit(serveur, false, 20));
        Assert.False(ErreurDétectée);
        SocketFerme(serveur);
    }

    [Fact]
    public void End_marker_mode_reports_data_after_the_marker_and_keeps_it()
    {
        (string l, string c, string ch) = Connected(SocketMarqueurFin);
        Assert.True(SocketChangeModeTransmission(c, SocketSansMarqueurFin));
        Assert.True(SocketEcrit(c, "un<EOF>deux<EOF>"));
        string premier = SocketLit(ch, false, 5000);
        // One TCP write arrives in one receive on loopback; the surplus is reported and kept.
        Assert.Equal("un", premier);
        Assert.True(ErreurDétectée);
        Assert.Equal((int)WLSocketError.EndMarkersNotRespected, (int)ErreurInfo(errCode));
        Assert.Equal("deux", (string)SocketLit(ch, false, 5000));
        Assert.False(ErreurDétectée);
        CloseAll(c, ch, l);
    }

    [Fact]
    public void End_marker_buffer_mode_keeps_the_surplus_silently()
    {
        (string l, string c, string ch) = Connected(SocketMarqueurFinBuffer, CRLF);
        Assert.True(SocketChangeModeTransmission(c, SocketSansMarqueurFin));
        Assert.True(SocketEcrit(c, "200 ok\r\n201 bien\r\n"));
        Assert.Equal("200 ok", (string)SocketLit(ch, false, 5000));
        Assert.False(ErreurDétectée);
        Assert.Equal("201 bien", (string)SocketLit(ch, false, 5000));
        Assert.False(ErreurDétectée);
        CloseAll(c, ch, l);
    }

    [Fact]
    public void Non_numeric_length_header_is_a_framing_error_until_the_mode_changes()
    {
        (string l, string c, string ch) = Connected();
        Assert.True(SocketChangeModeTransmission(c, SocketSansMarqueurFin));
        Assert.True(SocketEcrit(c, "abc\r\nxyz"));
        Assert.Equal("", (string)SocketLit(ch, false, 5000));
        Assert.Equal((int)WLSocketError.FramingError, (int)ErreurInfo(errCode));
        Assert.Equal("", (string)SocketLit(ch, false, 5000));
        Assert.Equal((int)WLSocketError.FramingError, (int)ErreurInfo(errCode));
        // Nothing was lost: in raw mode the bytes are there.
        Assert.True(SocketChangeModeTransmission(ch, SocketSansMarqueurFin));
        Assert.Equal("abc\r\nxyz", (string)SocketLit(ch, false, 5000));
        CloseAll(c, ch, l);
    }

    [Fact]
    public void Length_above_the_maximum_fails_without_reading_it()
    {
        (string l, string c, string ch) = Connected();
        Assert.True(SocketChangeModeTransmission(c, SocketSansMarqueurFin));
        Assert.True(SocketEcrit(c, "9999999999\r\n"));
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal("", (string)SocketLit(ch, false, 5000));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000, "the announced size must not be allocated");
        Assert.Equal((int)WLSocketError.MessageTooLarge, (int)ErreurInfo(errCode));
        CloseAll(c, ch, l);
    }

    [Fact]
    public void Connection_ending_inside_a_message_is_reported()
    {
        (string l, string c, string ch) = Connected();
        Assert.True(SocketChangeModeTransmission(c, SocketSansMarqueurFin));
        Assert.True(SocketEcrit(c, "10\r\nabc"));
        SocketFerme(c);
        Assert.Equal("", (string)SocketLit(ch, false, 5000));
        Assert.Equal(100031, (int)ErreurInfo(errCode));
        Assert.Contains("middle of a message", (string)ErreurInfo());
        CloseAll(ch, l);
    }

    [Fact]
    public void Raw_mode_reads_at_most_the_requested_bytes()
    {
        (string l, string c, string ch) = Connected(SocketSansMarqueurFin);
        Assert.True(SocketEcrit(c, "0123456789"));
        var got = new StringBuilder();
        while (got.Length < 10)
        {
            string part = SocketLit(ch, false, 5000, 4);
            Assert.InRange(part.Length, 1, 4);
            got.Append(part);
        }

        Assert.Equal("0123456789", got.ToString());
        CloseAll(c, ch, l);
    }

    [Fact]
    public void Last_error_is_per_thread_and_cleared_by_the_next_call()
    {
        Assert.Equal("", (string)SocketLit(UniqueName("absent"), false, 1));
        Assert.True(ErreurDétectée);
        bool otherThreadSawError = true;
        var other = new Thread(() => otherThreadSawError = ErreurDétectée);
        other.Start();
        Assert.True(other.Join(WaitLimit));
        Assert.False(otherThreadSawError);
        Assert.True(ErreurDétectée);
        Assert.False(SocketExiste(UniqueName("absent")));
        Assert.False(ErreurDétectée);
        Assert.Equal("", (string)ErreurInfo());
    }

    [Fact]
    public void Error_info_gives_code_message_system_code_and_details()
    {
        int port = FreePort();
        Assert.False(SocketConnecte(UniqueName("R"), port, "127.0.0.1"));
        Assert.Equal((int)WLSocketError.ConnectionRefused, ErreurInfo(errCode).ToInt32());
        Assert.Equal((int)SocketError.ConnectionRefused, (int)ErreurInfo(errCodeSystème));
        Assert.NotEqual("", (string)ErreurInfo(errMessageSystème));
        Assert.Contains("SocketConnecte", (string)ErreurInfo(errComplet));
        Assert.Equal((string)ErreurInfo(), (string)ErreurInfo(errMessage));
    }
}
