using System.CommandLine;
using WLSockets.Cli.Infrastructure;
using WLSockets.WLangage;
using static WLSockets.WLangage.Functions;

namespace WLSockets.Cli.Commands;

/// <summary>
/// <c>wlsock bt send SERVICE ADDRESS [MESSAGE...]</c> / <c>wlsock ir send SERVICE-NAME [MESSAGE...]</c>: the
/// <c>send</c> client over Bluetooth RFCOMM or infrared, through the WLangage facade.
/// </summary>
internal sealed class RadioSendCommand : Command
{
    private readonly CliConsole _console;
    private readonly RadioTransport _transport;
    private readonly Argument<string> _service;

    private readonly Argument<string> _address = new("ADDRESS")
    {
        Description = "The device's Bluetooth address: XX:XX:XX:XX:XX:XX, XX-XX-XX-XX-XX-XX or 12 hex digits.",
    };

    private readonly FramingOptions _framing = new();

    private readonly SendInputOptions _input = new();

    private readonly Option<int?> _timeout = NumberArguments.AtLeast("--timeout", "-t", 1, "MS",
        "Milliseconds allowed to connect (Bluetooth; infrared connects as the system allows) and to wait for each reply. Default 5000.");

    public RadioSendCommand(CliConsole console, RadioTransport transport)
        : base("send", $"Connect to a {transport.DisplayName} server, send each MESSAGE (or each stdin line) as one message, optionally print one reply per message, then close.")
    {
        _console = console;
        _transport = transport;
        _service = transport.HasAddress
            ? new Argument<string>("SERVICE") { Description = "RFCOMM channel 1 to 30 (required on Linux: no SDP lookup), or on Windows a known service name (SerialPortServiceClass_UUID), a GUID or a short form (0x1101)." }
            : new Argument<string>("SERVICE-NAME") { Description = "IrDA (IAS) service name of the server, 1 to 24 printable ASCII characters." };
        Arguments.Add(_service);
        if (transport.HasAddress)
        {
            Arguments.Add(_address);
        }

        _input.AddTo(this, _framing);
        Options.Add(_timeout);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        FramingSettings framing = _framing.Resolve(parseResult);
        if (framing.Warning is not null)
        {
            _console.ReportWarning(framing.Warning);
        }

        bool hex = parseResult.GetValue(_input.Hex);
        bool reply = parseResult.GetValue(_input.Reply);
        int timeoutMs = parseResult.GetValue(_timeout) ?? 5000;
        string service = parseResult.GetValue(_service) ?? "";
        string address = _transport.HasAddress ? parseResult.GetValue(_address) ?? "" : "";
        string[] arguments = parseResult.GetValue(_input.Messages) ?? [];

        // Bad hex in the arguments is a usage error before anything is sent.
        List<byte[]>? given = arguments.Length > 0 ? [.. arguments.Select(m => MessageInput.Encode(m, hex, framing.Encoding))] : null;

        string client = _transport.NewSocketName("client");
        // The WLangage functions block the calling thread, as in WinDev: run them on their own thread.
        await Task.Factory.StartNew(() =>
        {
            WLangageCalls.Check(_transport.Connect(client, service, address, timeoutMs));
            WLangageCalls.Check(SocketChangeTransmissionMode(client, (int)framing.Mode, framing.Marker));
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        try
        {
            IAsyncEnumerable<byte[]> messages = given is not null ? given.ToAsyncEnumerable() : MessageInput.ReadStdinAsync(hex, framing.Encoding, cancellationToken);
            await foreach (byte[] message in messages.WithCancellation(cancellationToken))
            {
                WLangageCalls.Check(SocketWrite(client, message));
                if (reply)
                {
                    byte[] answer = await Task.Run(() => ReadReply(client, timeoutMs), cancellationToken);
                    _console.WriteLine(ByteFormat.ForLine(answer, hex, framing.Encoding));
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _console.ReportError("interrupted: the connection was closed.");
            return ExitCodes.Interrupted;
        }
        finally
        {
            RadioTransport.Close(client);
        }
    }

    private static byte[] ReadReply(string client, int timeoutMs)
    {
        WLData answer = SocketRead(client, false, timeoutMs);
        if (!answer.IsEmpty)
        {
            return answer.Bytes;
        }

        if (ErrorOccurred)
        {
            throw WLangageCalls.LastError();
        }

        throw new CliFailureException($"No reply within {timeoutMs} ms. Check that the server answers and uses the same --mode (and --marker), or allow longer with --timeout.");
    }
}
