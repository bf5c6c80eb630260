using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using WLSockets.Cli.Infrastructure;

namespace WLSockets.Cli.Demo;

/// <summary>
/// What a demo case gets: loopback servers and clients that are cleaned up after the case, bounded waits, output
/// helpers (so every case prints the same way) and checks.
/// </summary>
internal sealed class DemoContext : IAsyncDisposable
{
    private const string Indent = "        ";
    private readonly CliConsole _console;
    private readonly Stack<object> _resources = new();

    public DemoContext(CliConsole console, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _console = console;
        Timeout = timeout;
        CancellationToken = cancellationToken;
    }

    /// <summary>The longest any single wait may take (5 s).</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Fires when the whole case runs out of time or the user presses Ctrl+C.</summary>
    public CancellationToken CancellationToken { get; }

    // ---- servers and clients (loopback only) ----

    /// <summary>A <see cref="MessageListener"/> on 127.0.0.1, a free port, with this framing.</summary>
    public MessageListener StartServer(TransmissionMode mode, byte[]? marker = null, Encoding? encoding = null)
    {
        var options = new MessageConnectionOptions { Mode = mode };
        if (encoding is not null)
        {
            options.Encoding = encoding;
        }

        MessageListener listener = Track(MessageListener.Start("127.0.0.1", 0, options));
        if (marker is not null)
        {
            listener.SetMarker(marker);
        }

        return listener;
    }

    /// <summary>A TLS <see cref="MessageListener"/> on 127.0.0.1, a free port, presenting <paramref name="certificate"/>.</summary>
    public MessageListener StartTlsServer(TransmissionMode mode, X509Certificate2 certificate) =>
        Track(MessageListener.Start("127.0.0.1", 0, new MessageConnectionOptions { Mode = mode }, new TlsServerOptions(certificate)));

    /// <summary>Accepts one client within <see cref="Timeout"/>.</summary>
    public async Task<MessageConnection> AcceptAsync(MessageListener listener) =>
        Track(await WithinAsync(listener.AcceptAsync(Timeout, CancellationToken).AsTask(), "a client to connect"));

    /// <summary>A <see cref="MessageConnection"/> to <paramref name="endPoint"/> with this framing, over TLS when <paramref name="tls"/> is given.</summary>
    public async Task<MessageConnection> ConnectAsync(IPEndPoint endPoint, TransmissionMode mode, byte[]? marker = null, Encoding? encoding = null, TlsClientOptions? tls = null)
    {
        var options = new MessageConnectionOptions { Mode = mode, ConnectTimeout = Timeout, Tls = tls };
        if (encoding is not null)
        {
            options.Encoding = encoding;
        }

        MessageConnection connection = Track(await WithinAsync(
            MessageConnection.ConnectAsync(endPoint.Address.ToString(), endPoint.Port, options, CancellationToken).AsTask(), "the connection"));
        if (marker is not null)
        {
            connection.SetMarker(marker);
        }

        return connection;
    }

    /// <summary>
    /// Connects a <see cref="MessageConnection"/> client to <paramref name="listener"/> through a <see cref="WireTap"/>
    /// (which records the exact bytes the client writes) and accepts it on the server side.
    /// </summary>
    public async Task<(MessageConnection Client, MessageConnection Server, WireTap Tap)> ConnectThroughTapAsync(
        MessageListener listener, TransmissionMode mode, byte[]? marker = null, Encoding? encoding = null)
    {
        WireTap tap = Track(WireTap.Start(listener.LocalEndPoint, CancellationToken));
        Task<MessageConnection> accepted = AcceptAsync(listener);
        MessageConnection client = await ConnectAsync(tap.EndPoint, mode, marker, encoding);
        MessageConnection server = await accepted;
        return (client, server, tap);
    }

    /// <summary>A plain <see cref="Socket"/> with Nagle off, connected to <paramref name="endPoint"/>: writes exactly the bytes given.</summary>
    public async Task<Socket> ConnectRawAsync(IPEndPoint endPoint)
    {
        Socket socket = Track(new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true });
        await WithinAsync(socket.ConnectAsync(endPoint, CancellationToken).AsTask(), "the raw socket to connect");
        return socket;
    }

    /// <summary>Writes all of <paramref name="bytes"/> (one <c>send</c> call unless the kernel takes less).</summary>
    public async Task WriteRawAsync(Socket socket, ReadOnlyMemory<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            int sent = await WithinAsync(socket.SendAsync(bytes, SocketFlags.None, CancellationToken).AsTask(), "a raw write");
            bytes = bytes[sent..];
        }
    }

    /// <summary>
    /// Receives one message per entry of <paramref name="expected"/> on <paramref name="server"/>, prints each, checks
    /// each text and that no byte is left over.
    /// </summary>
    public async Task ExpectMessagesAsync(MessageConnection server, IReadOnlyList<string> expected, Encoding encoding)
    {
        for (int i = 0; i < expected.Count; i++)
        {
            byte[] payload = await WithinAsync(server.ReceiveAsync(Timeout, CancellationToken).AsTask(), $"message {i + 1}");
            string text = encoding.GetString(payload);
            Say("server", $"receive {i + 1}: {Quote(text, payload.Length)}");
            Expect(text == expected[i], $"receive {i + 1} returned \"{ByteFormat.EscapeControls(text)}\" instead of \"{expected[i]}\"");
        }

        Expect(server.BufferedByteCount == 0, $"{server.BufferedByteCount} bytes left over after the messages");
    }

    /// <summary>Disposes <paramref name="resource"/> when the case ends.</summary>
    public T Track<T>(T resource)
        where T : class
    {
        _resources.Push(resource);
        return resource;
    }

    // ---- bounded waits ----

    /// <summary>Waits at most <see cref="Timeout"/>, then fails the case saying what it was waiting for.</summary>
    public async Task<T> WithinAsync<T>(Task<T> task, string waitingFor)
    {
        try
        {
            return await task.WaitAsync(Timeout, CancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new DemoFailedException($"timed out after {Timeout.TotalSeconds:0} s waiting for {waitingFor}", ex);
        }
    }

    /// <inheritdoc cref="WithinAsync{T}(Task{T}, string)"/>
    public async Task WithinAsync(Task task, string waitingFor)
    {
        try
        {
            await task.WaitAsync(Timeout, CancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new DemoFailedException($"timed out after {Timeout.TotalSeconds:0} s waiting for {waitingFor}", ex);
        }
    }

    // ---- output ----

    /// <summary>A labelled line: <c>  client  sends "HelloWord"</c>.</summary>
    public void Say(string label, string text) => _console.WriteLine($"  {label,-6}  {text}");

    /// <summary>The exact bytes that went over the wire, dumped with offsets, hex and printable ASCII.</summary>
    public void ShowWire(ReadOnlyMemory<byte> bytes, string how, int maxBytes = 256)
    {
        Say("wire", $"{bytes.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes {how}:");
        foreach (string line in ByteFormat.Dump(bytes, maxBytes))
        {
            _console.WriteLine(Indent + "  " + line);
        }
    }

    /// <summary>Text for a message: quoted, control characters escaped, with its byte count.</summary>
    public static string Quote(string text, int byteCount) =>
        $"\"{ByteFormat.EscapeControls(text)}\" ({byteCount.ToString("N0", CultureInfo.InvariantCulture)} bytes)";

    // ---- checks ----

    /// <summary>Fails the case with <paramref name="reason"/> unless <paramref name="condition"/> holds.</summary>
    public static void Expect(bool condition, string reason)
    {
        if (!condition)
        {
            throw new DemoFailedException(reason);
        }
    }

    /// <summary>Fails the case unless <paramref name="actual"/> is exactly <paramref name="expected"/>.</summary>
    public static void ExpectBytes(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, string what)
    {
        if (!expected.SequenceEqual(actual))
        {
            int at = expected.CommonPrefixLength(actual);
            throw new DemoFailedException(expected.Length <= 48 && actual.Length <= 48
                ? $"{what}: expected {ByteFormat.ToSpacedHex(expected)} but got {ByteFormat.ToSpacedHex(actual)}"
                : $"{what}: {actual.Length} bytes instead of {expected.Length}, first difference at offset {at}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_resources.TryPop(out object? resource))
        {
            switch (resource)
            {
                case MessageConnection connection:
                    connection.Abort(); // the case is over: no need to wait for a graceful close
                    break;
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}
