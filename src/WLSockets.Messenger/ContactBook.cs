using System.Net;
using Microsoft.Data.Sqlite;

namespace WLSockets.Messenger;

/// <summary>
/// The address book: contacts (name, IP address, DNS name) in an SQLite database file, created with its schema on
/// first use and stamped with <see cref="SchemaVersion"/> (<c>PRAGMA user_version</c>).
/// </summary>
/// <remarks>Thread-safe: every call opens its own short connection, so several processes may share one file.</remarks>
public sealed class ContactBook
{
    /// <summary>The schema version this code writes and reads.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The longest contact name or DNS name accepted.</summary>
    public const int MaxFieldLength = 255;

    private readonly string _connectionString;

    private ContactBook(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false, // the file is released at once, so a test (or another process) can delete or reopen it
            DefaultTimeout = 5,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The default file: <c>LocalApplicationData/wlsock/messenger.db</c> (on Linux <c>~/.local/share/wlsock/messenger.db</c>).</summary>
    public static string DefaultPath =>
        System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "wlsock", "messenger.db");

    /// <summary>Opens the book at <paramref name="path"/>, creating the folder, the file and the schema when missing.</summary>
    /// <exception cref="InvalidOperationException">The file was written by a newer version (unknown schema).</exception>
    /// <exception cref="SqliteException">The file is not an SQLite database, or cannot be created.</exception>
    /// <exception cref="IOException">The folder cannot be created.</exception>
    public static ContactBook Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = System.IO.Path.GetFullPath(path);
        string? folder = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var book = new ContactBook(full);
        book.CreateSchema();
        return book;
    }

    /// <summary>Every contact, by name.</summary>
    public IReadOnlyList<Contact> List() =>
        Query("SELECT id, name, ip_address, dns_name FROM contact ORDER BY name COLLATE NOCASE", _ => { });

    /// <summary>The contact named <paramref name="name"/> (case-insensitive), or null.</summary>
    public Contact? FindByName(string name) =>
        Query("SELECT id, name, ip_address, dns_name FROM contact WHERE name = $name COLLATE NOCASE", c => c.Parameters.AddWithValue("$name", name.Trim())).FirstOrDefault();

    /// <summary>
    /// The contact whose IP address is <paramref name="address"/> (an IPv4-mapped IPv6 address counts as IPv4), or
    /// null: this is how the example recognises who is calling.
    /// </summary>
    public Contact? FindByAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return List().FirstOrDefault(c => c.ParsedIpAddress is { } ip && (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).Equals(address));
    }

    /// <summary>
    /// Adds a contact. As WinDev's contact form: a name is mandatory, and an IP address is required unless a DNS name is
    /// given; the IP address must be a valid literal.
    /// </summary>
    /// <exception cref="ArgumentException">A field is invalid, or a contact already has that name.</exception>
    public Contact Add(string name, string? ipAddress, string? dnsName)
    {
        (name, ipAddress, dnsName) = Validate(name, ipAddress, dnsName);
        if (FindByName(name) is not null)
        {
            throw new ArgumentException($"A contact named '{name}' already exists: remove it first, or choose another name.", nameof(name));
        }

        using SqliteConnection connection = OpenConnection();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "INSERT INTO contact (name, ip_address, dns_name) VALUES ($name, $ip, $dns); SELECT last_insert_rowid();";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$ip", (object?)ipAddress ?? DBNull.Value);
        command.Parameters.AddWithValue("$dns", (object?)dnsName ?? DBNull.Value);
        long id = (long)command.ExecuteScalar()!;
        return new Contact(id, name, ipAddress, dnsName);
    }

    /// <summary>Removes the contact named <paramref name="name"/>; false when there is none.</summary>
    public bool Remove(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        using SqliteConnection connection = OpenConnection();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "DELETE FROM contact WHERE name = $name COLLATE NOCASE";
        command.Parameters.AddWithValue("$name", name.Trim());
        return command.ExecuteNonQuery() > 0;
    }

    /// <summary>Records the IP address a contact's DNS name resolved to (the example saves it back before a chat).</summary>
    public void UpdateIpAddress(long id, string ipAddress)
    {
        using SqliteConnection connection = OpenConnection();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "UPDATE contact SET ip_address = $ip WHERE id = $id";
        command.Parameters.AddWithValue("$ip", ipAddress);
        command.Parameters.AddWithValue("$id", id);
        command.ExecuteNonQuery();
    }

    private static (string Name, string? Ip, string? Dns) Validate(string name, string? ipAddress, string? dnsName)
    {
        ArgumentNullException.ThrowIfNull(name);
        name = name.Trim();
        ipAddress = string.IsNullOrWhiteSpace(ipAddress) ? null : ipAddress.Trim();
        dnsName = string.IsNullOrWhiteSpace(dnsName) ? null : dnsName.Trim();
        if (name.Length == 0)
        {
            throw new ArgumentException("The contact's name is mandatory.", nameof(name));
        }

        if (name.Length > MaxFieldLength || dnsName?.Length > MaxFieldLength)
        {
            throw new ArgumentException($"A name is at most {MaxFieldLength} characters long.", nameof(name));
        }

        if (name.Any(char.IsControl))
        {
            throw new ArgumentException("A contact's name cannot contain control characters.", nameof(name));
        }

        if (ipAddress is null && dnsName is null)
        {
            throw new ArgumentException("Give the contact's IP address, or at least a DNS name.", nameof(ipAddress));
        }

        if (ipAddress is not null)
        {
            if (!IPAddress.TryParse(ipAddress, out IPAddress? parsed) || (parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && ipAddress.Count(c => c == '.') != 3))
            {
                throw new ArgumentException($"'{ipAddress}' is not an IP address (for example 192.168.1.20 or fe80::1).", nameof(ipAddress));
            }

            ipAddress = parsed.ToString();
        }

        return (name, ipAddress, dnsName);
    }

    private void CreateSchema()
    {
        using SqliteConnection connection = OpenConnection();
        using SqliteTransaction transaction = connection.BeginTransaction();
        using SqliteCommand version = connection.CreateCommand();
        version.CommandText = "PRAGMA user_version";
        long current = (long)version.ExecuteScalar()!;
        if (current > SchemaVersion)
        {
            throw new InvalidOperationException($"The address book {Path} has schema version {current}, newer than this wlsock understands ({SchemaVersion}): use a newer wlsock, or another file (--db).");
        }

        if (current < 1)
        {
            using SqliteCommand create = connection.CreateCommand();
            create.CommandText =
                "CREATE TABLE IF NOT EXISTS contact (" +
                " id INTEGER PRIMARY KEY AUTOINCREMENT," +
                " name TEXT NOT NULL UNIQUE COLLATE NOCASE," +
                " ip_address TEXT NULL," +
                " dns_name TEXT NULL);" +
                $"PRAGMA user_version = {SchemaVersion};";
            create.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private List<Contact> Query(string sql, Action<SqliteCommand> bind)
    {
        using SqliteConnection connection = OpenConnection();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        using SqliteDataReader reader = command.ExecuteReader();
        var contacts = new List<Contact>();
        while (reader.Read())
        {
            contacts.Add(new Contact(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return contacts;
    }

    private SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
