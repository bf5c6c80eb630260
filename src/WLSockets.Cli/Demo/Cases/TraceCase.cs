using System.Text;
using WLSockets.Relay;
using WLSockets.Text;

namespace WLSockets.Cli.Demo.Cases;

/// <summary>
/// WD Trace Socket: a client and a server talking WinDev's default framing through a <see cref="TraceRelay"/>, whose
/// decoder shows each message, both directions (what <c>wlsock trace --decode length</c> prints).
/// </summary>
internal sealed class TraceCase : IDemoCase
{
    private static readonly (TraceDirection Direction, string Text)[] s_dialogue =
    [
        (TraceDirection.ClientToServer, "Bonjour"),
        (TraceDirection.ServerToClient, "Bonjour, client n°1"),
        (TraceDirection.ClientToServer, "Au revoir"),
    ];

    public string Name => "trace";

    public string Title => "tracing relay (WD Trace Socket): a client and a server talk through it, every message shown decoded";

    public async Task RunAsync(DemoContext context)
    {
        Encoding ansi = WinDevEncodings.Ansi;
        MessageListener server = context.StartServer(TransmissionMode.SizePrefixed);
        var shown = new MemoryStream();
        var writer = new TraceWriter(shown, TraceFormat.Text, flushEachEvent: true, leaveOpen: true);
        var collected = new DecodedMessages(s_dialogue.Length);
        TraceRelay relay = TraceRelay.Start(new TraceRelayOptions
        {
            TargetHost = "127.0.0.1",
            TargetPort = server.LocalEndPoint.Port,
            Sink = new TraceDecoder(new TraceFanOut(writer, collected), TransmissionMode.SizePrefixed, []),
        });
        await using (relay)
        {
            context.Say("relay", $"listening on {relay.LocalEndPoint}, relaying to {server.LocalEndPoint} (wlsock trace --decode length)");
            Task<MessageConnection> accepted = context.AcceptAsync(server);
            MessageConnection client = await context.ConnectAsync(relay.LocalEndPoint, TransmissionMode.SizePrefixed);
            MessageConnection serverSide = await accepted;
            foreach ((TraceDirection direction, string text) in s_dialogue)
            {
                (MessageConnection from, MessageConnection to) = direction == TraceDirection.ClientToServer ? (client, serverSide) : (serverSide, client);
                await context.WithinAsync(from.SendAsync(text, context.CancellationToken).AsTask(), "a send through the relay");
                string received = await context.WithinAsync(to.ReceiveStringAsync(context.Timeout, context.CancellationToken).AsTask(), "the message through the relay");
                DemoContext.Expect(received == text, $"the relay changed the message: sent \"{text}\", received \"{received}\"");
            }

            IReadOnlyList<(TraceDirection, string)> decoded = await context.WithinAsync(collected.Completion, "the decoded messages");
            await Task.WhenAll(client.DisposeAsync().AsTask(), serverSide.DisposeAsync().AsTask());
            await context.WithinAsync(collected.Closed, "the close event");
            foreach (string line in Encoding.UTF8.GetString(shown.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                context.Say("trace", line);
            }

            for (int i = 0; i < s_dialogue.Length; i++)
            {
                DemoContext.Expect(decoded[i] == (s_dialogue[i].Direction, s_dialogue[i].Text),
                    $"decoded message {i + 1} is {decoded[i]}, expected {s_dialogue[i]}");
            }
        }

        writer.Dispose();
        context.Say("check", $"{s_dialogue.Length} messages relayed unchanged and decoded one by one, both directions; the close was traced");
    }

    /// <summary>Collects the decoded messages (ANSI text) and the close event.</summary>
    private sealed class DecodedMessages(int expected) : ITraceSink
    {
        private readonly List<(TraceDirection, string)> _messages = [];
        private readonly TaskCompletionSource<IReadOnlyList<(TraceDirection, string)>> _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<bool> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<IReadOnlyList<(TraceDirection, string)>> Completion => _complete.Task;

        public Task<bool> Closed => _closed.Task;

        public bool WantsData => false;

        public void OnOpen(long timestampMicros, TraceConnection connection)
        {
        }

        public void OnData(long timestampMicros, long connectionId, TraceDirection direction, ReadOnlySpan<byte> data)
        {
        }

        public void OnHalfClose(long timestampMicros, long connectionId, TraceDirection direction)
        {
        }

        public void OnClose(long timestampMicros, TraceClose close) => _closed.TrySetResult(true);

        public void OnError(long timestampMicros, long connectionId, WLSocketException failure) => _complete.TrySetException(failure);

        public void OnMessage(long timestampMicros, long connectionId, TraceDirection direction, ReadOnlySpan<byte> payload)
        {
            lock (_messages)
            {
                _messages.Add((direction, WinDevEncodings.Ansi.GetString(payload)));
                if (_messages.Count == expected)
                {
                    _complete.TrySetResult([.. _messages]);
                }
            }
        }
    }
}
