using System.Buffers;
using System.Net;
using WLSockets.Cli.Infrastructure;
using WLSockets.WLangage;

namespace WLSockets.Cli.Bench;

/// <summary>
/// WLSockets' async core on both sides (<see cref="MessageListener"/> and <see cref="MessageConnection"/>), in each
/// WinDev framing; with <c>facade</c>, the client is the WLangage facade (<c>SocketConnecte</c>/<c>SocketEcrit</c>/
/// <c>SocketLit</c>, blocking) against the same async-core server.
/// </summary>
internal sealed class WLSocketsSystem : IBenchSystem
{
    public static readonly IReadOnlyList<string> AllModes = ModeNames.All;
    private static int s_facadeNames;
    private readonly bool _facade;

    public WLSocketsSystem(bool facade, IReadOnlyList<string> modes)
    {
        _facade = facade;
        Framings = modes;
    }

    public string Name => _facade ? "wlsock-facade" : "wlsock";

    public IReadOnlyList<string> Framings { get; }

    public static MessageConnectionOptions Options(string framing)
    {
        return new MessageConnectionOptions { Mode = Mode(framing), RawReadSize = 64 * 1024, SendTimeout = TimeSpan.FromSeconds(60) };
    }

    private static TransmissionMode Mode(string framing) =>
        ModeNames.TryParse(framing, out TransmissionMode mode) ? mode : throw new ArgumentException($"Unknown WinDev mode '{framing}'.", nameof(framing));

    public Task<IBenchServer> StartServerAsync(string framing, ServerRole role, CancellationToken cancellationToken) =>
        Task.FromResult<IBenchServer>(new Server(MessageListener.Start("127.0.0.1", 0, Options(framing)), role));

    public async Task<IBenchClient> ConnectAsync(IPEndPoint server, string framing, CancellationToken cancellationToken)
    {
        if (!_facade)
        {
            return new CoreClient(await MessageConnection.ConnectAsync(server.Address.ToString(), server.Port, Options(framing), cancellationToken));
        }

        string name = "bench" + Interlocked.Increment(ref s_facadeNames);
        if (!Fonctions.SocketConnecte(name, server.Port, server.Address.ToString()))
        {
            throw new CliFailureException($"SocketConnecte failed: {(string)Fonctions.ErreurInfo()}");
        }

        Fonctions.SocketChangeModeTransmission(name, (int)Mode(framing));
        return new FacadeClient(name);
    }

    /// <summary>Receives into a reused buffer writer: the async core's allocation-free receive.</summary>
    private sealed class CoreClient(MessageConnection connection) : IBenchClient
    {
        private readonly ArrayBufferWriter<byte> _received = new(64 * 1024);

        public ValueTask SendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
            connection.SendAsync(payload, cancellationToken);

        public ValueTask<int> ReceiveAsync(CancellationToken cancellationToken)
        {
            _received.ResetWrittenCount();
            return connection.ReceiveAsync(_received, cancellationToken);
        }

        public ValueTask DisposeAsync()
        {
            connection.Close();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>The facade is blocking: its calls complete before they return.</summary>
    private sealed class FacadeClient(string name) : IBenchClient
    {
        public ValueTask SendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
        {
            if (!Fonctions.SocketEcrit(name, payload.ToArray()))
            {
                throw new CliFailureException($"SocketEcrit failed: {(string)Fonctions.ErreurInfo()}");
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask<int> ReceiveAsync(CancellationToken cancellationToken)
        {
            WLData data = Fonctions.SocketLit(name, false, 10_000, 64 * 1024);
            byte[] bytes = data;
            if (bytes.Length == 0 && Fonctions.ErreurDétectée)
            {
                throw new CliFailureException($"SocketLit failed: {(string)Fonctions.ErreurInfo()}");
            }

            return ValueTask.FromResult(bytes.Length);
        }

        public ValueTask DisposeAsync()
        {
            Fonctions.SocketFerme(name);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class Server : AcceptingServer<MessageConnection>
    {
        private readonly MessageListener _listener;

        public Server(MessageListener listener, ServerRole role)
            : base(role)
        {
            _listener = listener;
            StartAccepting();
        }

        public override IPEndPoint EndPoint => _listener.LocalEndPoint;

        protected override ValueTask<MessageConnection> AcceptAsync(CancellationToken cancellationToken) => _listener.AcceptAsync(cancellationToken);

        /// <summary>Receives into a reused buffer writer and sends its content back: no allocation per message.</summary>
        protected override async Task ServeAsync(MessageConnection connection)
        {
            var message = new ArrayBufferWriter<byte>();
            while (true)
            {
                message.ResetWrittenCount();
                Counters.Received(await connection.ReceiveAsync(message, Stopping.Token));
                if (Role == ServerRole.Echo)
                {
                    await connection.SendAsync(message.WrittenMemory, Stopping.Token);
                }
            }
        }

        protected override void Close(MessageConnection connection) => connection.Close();

        protected override void StopListening() => _listener.Dispose();

        protected override bool IsExpected(Exception exception) => exception is WLSocketException;
    }
}
