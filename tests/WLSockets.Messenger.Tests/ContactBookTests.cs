using Microsoft.Data.Sqlite;
using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.Messenger.Tests;

/// <summary>The SQLite address book: validation as WinDev's contact form, persistence, schema version.</summary>
public sealed class ContactBookTests : WithTempFolder
{
    [Fact]
    public void Contacts_survive_a_restart()
    {
        string path = Folder.File("sub/dir/messenger.db"); // folders created on first use
        ContactBook first = ContactBook.Open(path);
        first.Add("Alice", "127.0.0.2", null);
        first.Add("bob", null, "bob.example");
        first.Add("Carol", "::1", "carol.example");
        Assert.True(first.Remove("BOB"));

        ContactBook reopened = ContactBook.Open(path);
        Assert.Equal(
            [("Alice", "127.0.0.2", (string?)null), ("Carol", "::1", "carol.example")],
            reopened.List().Select(c => (c.Name, c.IpAddress!, c.DnsName)));
        Assert.Equal("Alice", reopened.FindByAddress(System.Net.IPAddress.Parse("::ffff:127.0.0.2"))!.Name);
    }

    [Fact]
    public void The_schema_carries_a_version_and_a_newer_one_is_refused()
    {
        string path = Folder.File("m.db");
        ContactBook.Open(path);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version";
            Assert.Equal((long)ContactBook.SchemaVersion, command.ExecuteScalar());
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }

        var ex = Assert.Throws<InvalidOperationException>(() => ContactBook.Open(path));
        Assert.Contains("99", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "127.0.0.2", null, "mandatory")]
    [InlineData("x", null, null, "IP address")]
    [InlineData("x", "127.0.2", null, "not an IP address")]
    [InlineData("x", "host.example", null, "not an IP address")]
    [InlineData("Alice", "127.0.0.9", null, "already exists")]
    public void Invalid_contacts_are_refused_with_a_reason(string name, string? ip, string? dns, string reason)
    {
        ContactBook book = ContactBook.Open(Folder.File("v.db"));
        book.Add("alice", "127.0.0.3", null);
        var ex = Assert.Throws<ArgumentException>(() => book.Add(name, ip, dns));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Single(book.List());
    }

    [Fact]
    public void The_address_is_the_IP_when_filled_else_the_DNS_name()
    {
        Assert.Equal("127.0.0.2", new Contact(1, "a", "127.0.0.2", "a.example").Address);
        Assert.Equal("a.example", new Contact(1, "a", null, "a.example").Address);
    }
}
