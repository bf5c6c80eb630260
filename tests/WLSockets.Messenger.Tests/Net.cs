using System.Net;
using System.Net.Sockets;
using WLSockets.InteropTests.Infrastructure;
using WLSockets.Messenger;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace WLSockets.Messenger.Tests;

/// <summary>
/// Messenger instances on distinct loopback addresses (127.0.0.x). Contacts carry no port, so every instance of one
/// test uses the same two ports, found free at run time.
/// </summary>
internal static class Net
{
    public static IPAddress Ip(int last) => IPAddress.Parse($"127.0.0.{last}");

    /// <summary>Two ports free on every address of the test (bound on 127.0.0.2 with port 0, then released).</summary>
    public static (int Presence, int Chat) FreePorts()
    {
        using var a = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var b = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        a.Bind(new IPEndPoint(Ip(2), 0));
        b.Bind(new IPEndPoint(Ip(2), 0));
        return (((IPEndPoint)a.LocalEndPoint!).Port, ((IPEndPoint)b.LocalEndPoint!).Port);
    }

    public static MessengerOptions Options(int last, (int Presence, int Chat) ports) => new()
    {
        BindAddress = Ip(last),
        PresencePort = ports.Presence,
        ChatPort = ports.Chat,
        ScanAtStart = false,
        ScanInterval = Timeout.InfiniteTimeSpan,
        ProbeTimeout = TimeSpan.FromSeconds(2),
    };

    /// <summary>
    /// Starts one instance per address, each with its own address book in <paramref name="folder"/> holding every
    /// other instance as <c>"n" + last byte</c> (n2, n3 ...). Retries with other ports if one was taken meanwhile.
    /// </summary>
    public static async Task<Node[]> StartAsync(TempDirectory folder, params int[] addresses)
    {
        for (int attempt = 0; ; attempt++)
        {
            (int, int) ports = FreePorts();
            var nodes = new List<Node>();
            try
            {
                foreach (int last in addresses)
                {
                    ContactBook book = ContactBook.Open(folder.File($"n{last}-{attempt}.db"));
                    foreach (int other in addresses.Where(o => o != last))
                    {
                        book.Add("n" + other, Ip(other).ToString(), null);
                    }

                    nodes.Add(new Node(MessengerNode.Start(book, Options(last, ports))));
                }

                return [.. nodes];
            }
            catch (WLSocketException ex) when (ex.Error == WLSocketError.AddressInUse && attempt < 5)
            {
                foreach (Node node in nodes)
                {
                    await node.DisposeAsync();
                }
            }
        }
    }

    /// <summary>A raw TCP client that plays WinDev: bound to <paramref name="from"/>, connected to <paramref name="to"/>.</summary>
    public static async Task<Socket> ConnectRawAsync(IPAddress from, IPEndPoint to)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Bind(new IPEndPoint(from, 0));
        await socket.ConnectAsync(to, Tools.Token).AsTask().WaitAsync(Tools.Timeout, Tools.Token);
        return socket;
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes.</summary>
    public static async Task<byte[]> ReadExactAsync(Socket socket, int count)
    {
        byte[] buffer = new byte[count];
        int read = 0;
        while (read < count)
        {
            int n = await socket.ReceiveAsync(buffer.AsMemory(read), Tools.Token).AsTask().WaitAsync(Tools.Timeout, Tools.Token);
            Assert.True(n > 0, $"the connection ended after {read} of {count} bytes: {Convert.ToHexString(buffer, 0, read)}");
            read += n;
        }

        return buffer;
    }

    /// <summary>Reads until the peer closes; returns everything that came before the end of stream.</summary>
    public static async Task<byte[]> ReadToEndAsync(Socket socket)
    {
        var all = new MemoryStream();
        byte[] buffer = new byte[4096];
        while (true)
        {
            int n;
            try
            {
                n = await socket.ReceiveAsync(buffer, Tools.Token).AsTask().WaitAsync(Tools.Timeout, Tools.Token);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
            {
                break;
            }

            if (n == 0)
            {
                break;
            }

            all.Write(buffer, 0, n);
            Assert.True(all.Length < 1_000_000, "the peer sends without end");
        }

        return all.ToArray();
    }

    /// <summary>WinDev's default framing: decimal byte count, CR LF, the Windows-1252 bytes.</summary>
    public static byte[] Frame(string text)
    {
        byte[] payload = WLSockets.Text.WinDevEncodings.Ansi.GetBytes(text);
        return [.. System.Text.Encoding.ASCII.GetBytes(payload.Length + "\r\n"), .. payload];
    }
}

/// <summary>An instance and the log of its events, with bounded waits on them.</summary>
internal sealed class Node : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<MessengerEventArgs> _events = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Node(MessengerNode messenger)
    {
        Messenger = messenger;
        messenger.Event += (_, e) =>
        {
            TaskCompletionSource changed;
            lock (_gate)
            {
                _events.Add(e);
                changed = _changed;
                _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            changed.TrySetResult();
        };
    }

    public MessengerNode Messenger { get; }

    public IReadOnlyList<MessengerEventArgs> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public Contact Contact(string name) => Messenger.Contacts.FindByName(name) ?? throw new InvalidOperationException("no contact " + name);

    /// <summary>Waits for an event (past or future) that <paramref name="match"/> accepts.</summary>
    public async Task<MessengerEventArgs> WaitForAsync(Func<MessengerEventArgs, bool> match, string what)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Tools.Token);
        timeout.CancelAfter(Tools.Timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_events.FirstOrDefault(match) is { } found)
                {
                    return found;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"timed out waiting for {what}; events: {string.Join("; ", Events.Select(e => $"{e.Kind} {e.Contact?.Name} {e.Text} {e.EndReason}"))}");
            }
        }
    }

    public Task<MessengerEventArgs> WaitForMessageAsync(string from, string text) =>
        WaitForAsync(e => e.Kind == MessengerEventKind.MessageReceived && e.Contact?.Name == from && e.Text == text, $"message '{text}' from {from}");

    public Task<MessengerEventArgs> WaitForEndAsync(string with, ConversationEndReason reason) =>
        WaitForAsync(e => e.Kind == MessengerEventKind.ConversationEnded && e.Contact?.Name == with && e.EndReason == reason, $"end of the conversation with {with} ({reason})");

    public ValueTask DisposeAsync() => Messenger.DisposeAsync();
}
