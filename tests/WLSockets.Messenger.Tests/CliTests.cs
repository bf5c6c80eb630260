using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.Messenger.Tests;

/// <summary><c>wlsock messenger</c> as a user runs it: contacts commands, line mode between processes, the terminal UI in tmux.</summary>
public sealed class CliTests : WithTempFolder
{
    private string Db(string name) => Folder.File(name + ".db");

    private static async Task AddContactAsync(string db, string name, string ip)
    {
        await using PeerProcess add = await Wlsock.RunAsync(["messenger", "contacts", "add", name, ip, "--db", db]);
        Assert.True(add.HasExited && await add.WaitForExitAsync(Tools.Timeout) == 0, add.Describe());
    }

    [Fact]
    public async Task Contacts_add_list_remove_persist_in_the_database_file()
    {
        string db = Folder.File("nested/book.db");
        await AddContactAsync(db, "Alice", "127.0.0.2");
        await using (PeerProcess withDns = await Wlsock.RunAsync(["messenger", "contacts", "add", "bob", "127.0.0.3", "bob.example", "--db", db]))
        {
            Assert.Equal(0, await withDns.WaitForExitAsync(Tools.Timeout));
        }

        await using (PeerProcess duplicate = await Wlsock.RunAsync(["messenger", "contacts", "add", "alice", "127.0.0.9", "--db", db]))
        {
            Assert.Equal(1, await duplicate.WaitForExitAsync(Tools.Timeout));
            Assert.Contains("already exists", duplicate.StandardError, StringComparison.Ordinal);
        }

        await using (PeerProcess badIp = await Wlsock.RunAsync(["messenger", "contacts", "add", "carol", "not-an-ip", "--db", db]))
        {
            Assert.Equal(1, await badIp.WaitForExitAsync(Tools.Timeout));
            Assert.Contains("is not an IP address", badIp.StandardError, StringComparison.Ordinal);
        }

        await using (PeerProcess list = await Wlsock.RunAsync(["messenger", "contacts", "list", "--db", db]))
        {
            Assert.Equal(0, await list.WaitForExitAsync(Tools.Timeout));
            Assert.Equal(["Alice\t127.0.0.2\t-", "bob\t127.0.0.3\tbob.example"], list.StandardOutputLines);
        }

        await using (PeerProcess remove = await Wlsock.RunAsync(["messenger", "contacts", "remove", "ALICE", "--db", db]))
        {
            Assert.Equal(0, await remove.WaitForExitAsync(Tools.Timeout));
        }

        await using (PeerProcess missing = await Wlsock.RunAsync(["messenger", "contacts", "remove", "alice", "--db", db]))
        {
            Assert.Equal(1, await missing.WaitForExitAsync(Tools.Timeout));
            Assert.Contains("no contact named 'alice'", missing.StandardError, StringComparison.Ordinal);
        }

        Assert.Equal(["bob"], ContactBook.Open(db).List().Select(c => c.Name));
    }

    [Fact]
    public async Task Line_mode_two_processes_find_each_other_chat_and_end_with_DEMANDE_ARRET()
    {
        string[] ports = await AliceAndBobAsync();

        await using PeerProcess b = await StartLineModeAsync("127.0.0.3", Db("b"), ports);
        await using PeerProcess a = await StartLineModeAsync("127.0.0.2", Db("a"), ports);
        await a.WaitForOutputLineAsync(l => l == "* online bob", Tools.Timeout, "bob online (scan at start)");

        await WriteLineAsync(a, "/chat bob");
        await a.WaitForOutputLineAsync(l => l == "* open bob", Tools.Timeout, "the conversation with bob");
        await b.WaitForOutputLineAsync(l => l == "* open alice (incoming)", Tools.Timeout, "alice's request");

        await WriteLineAsync(a, "Bonjour Bob, ça va ?");
        await b.WaitForOutputLineAsync(l => l == "alice : Bonjour Bob, ça va ?", Tools.Timeout, "alice's message");
        await WriteLineAsync(b, "//slash kept");
        await a.WaitForOutputLineAsync(l => l == "bob : /slash kept", Tools.Timeout, "bob's answer");

        await WriteLineAsync(a, "/end");
        await b.WaitForOutputLineAsync(l => l == "* end alice (peer)", Tools.Timeout, "the end sent by alice");
        await a.WaitForOutputLineAsync(l => l == "* end bob (local)", Tools.Timeout, "the end on alice's side");

        await WriteLineAsync(a, "/quit");
        Assert.Equal(0, await a.WaitForExitAsync(Tools.Timeout));
        a.StandardInput.Close();
        b.StandardInput.Close(); // end of input = /quit
        Assert.Equal(0, await b.WaitForExitAsync(Tools.Timeout));
    }

    [Fact]
    public async Task Terminal_UI_driven_in_tmux_chats_with_a_line_mode_peer()
    {
        string[] ports = await AliceAndBobAsync();
        await using PeerProcess bob = await StartLineModeAsync("127.0.0.3", Db("b"), ports);

        using var ui = Tmux.Start(Folder.Path, [Tools.DotnetHost, Tools.WlsockDll, "messenger", "--bind", "127.0.0.2", "--db", Db("a"), "--name", "alice", .. ports]);
        await ui.WaitForScreenAsync(s => s.Contains("online bob", StringComparison.Ordinal) && s.Contains("● bob", StringComparison.Ordinal), "bob listed online");

        ui.Send("Enter"); // empty line: chat with the selected contact
        await ui.WaitForScreenAsync(s => s.Contains("Conversation with bob", StringComparison.Ordinal), "the conversation view");
        await bob.WaitForOutputLineAsync(l => l == "* open alice (incoming)", Tools.Timeout, "alice's request");

        ui.Send("Salut depuis tmux", literal: true);
        await ui.WaitForScreenAsync(s => s.Contains("> Salut depuis tmux", StringComparison.Ordinal), "the typed text on the input line");
        ui.Send("Enter");
        await bob.WaitForOutputLineAsync(l => l == "alice : Salut depuis tmux", Tools.Timeout, "the message typed in the UI");

        await WriteLineAsync(bob, "Bien reçu");
        await ui.WaitForScreenAsync(s => s.Contains("bob : Bien reçu", StringComparison.Ordinal) && s.Contains("alice : Salut depuis tmux", StringComparison.Ordinal), "both messages in the conversation");

        ui.Send("/end", literal: true);
        ui.Send("Enter");
        await bob.WaitForOutputLineAsync(l => l == "* end alice (peer)", Tools.Timeout, "DEMANDE_ARRET from the UI");
        await ui.WaitForScreenAsync(s => s.Contains("end bob (local)", StringComparison.Ordinal), "the end notified");

        ui.Send("/quit", literal: true);
        ui.Send("Enter");
        Assert.Equal(0, await ui.WaitForExitAsync());
    }

    /// <summary>Address books a.db (alice at 127.0.0.2 knows bob) and b.db (bob at 127.0.0.3 knows alice); the port options both use.</summary>
    private async Task<string[]> AliceAndBobAsync()
    {
        await AddContactAsync(Db("a"), "bob", "127.0.0.3");
        await AddContactAsync(Db("b"), "alice", "127.0.0.2");
        (int presence, int chat) = Net.FreePorts();
        return ["--presence-port", presence.ToString(System.Globalization.CultureInfo.InvariantCulture), "--chat-port", chat.ToString(System.Globalization.CultureInfo.InvariantCulture)];
    }

    private static async Task<PeerProcess> StartLineModeAsync(string bind, string db, string[] ports)
    {
        PeerProcess process = Wlsock.Start(["messenger", "--bind", bind, "--db", db, .. ports]);
        await process.WaitForErrorLineAsync(l => l.StartsWith("listening on " + bind + ":" + ports[3], StringComparison.Ordinal), Tools.Timeout, "the chat listener's ready line");
        return process;
    }

    private static async Task WriteLineAsync(PeerProcess process, string line)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(line + "\n");
        await process.StandardInput.WriteAsync(bytes, Tools.Token);
        await process.StandardInput.FlushAsync(Tools.Token);
    }
}
