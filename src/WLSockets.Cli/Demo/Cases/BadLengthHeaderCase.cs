using System.Text;

namespace WLSockets.Cli.Demo.Cases;

/// <summary>A length header that is not a number is reported as a framing error, not returned as a message.</summary>
internal sealed class BadLengthHeaderCase : IDemoCase
{
    public string Name => "bad-length-header";

    public string Title => "bad input: a non-numeric length header is reported as a framing error";

    public async Task RunAsync(DemoContext context)
    {
        MessageListener listener = context.StartServer(TransmissionMode.SizePrefixed);
        Task<MessageConnection> accepted = context.AcceptAsync(listener);
        System.Net.Sockets.Socket socket = await context.ConnectRawAsync(listener.LocalEndPoint);
        MessageConnection server = await accepted;

        byte[] wire = Encoding.ASCII.GetBytes("nine\r\nHelloWord");
        context.Say("client", "raw Socket writes \"nine\\r\\nHelloWord\": the length is spelled out, not digits");
        await context.WriteRawAsync(socket, wire);
        context.ShowWire(wire, "in one write");

        try
        {
            byte[] payload = await context.WithinAsync(server.ReceiveAsync(context.Timeout, context.CancellationToken).AsTask(), "the server's verdict");
            throw new DemoFailedException($"expected a framing error, but the server returned a {payload.Length}-byte message");
        }
        catch (WLSocketException ex) when (ex.Error == WLSocketError.FramingError)
        {
            context.Say("server", $"WLSocketException {ex.Error} ({(int)ex.Error}): {ex.Message}");
        }
        catch (WLSocketException ex)
        {
            throw new DemoFailedException($"expected {WLSocketError.FramingError} but the server reported {ex.Error}: {ex.Message}", ex);
        }

        context.Say("check", "the error is reported (WLSocketError.FramingError), no bogus message is returned");
    }
}
