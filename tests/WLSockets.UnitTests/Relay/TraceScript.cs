using System.Net;
using System.Text;
using WLSockets.Relay;

namespace WLSockets.UnitTests.Relay;

/// <summary>A fixed sequence of trace events with fixed timestamps, played into any sink.</summary>
internal static class TraceScript
{
    /// <summary>2026-11-25T13:40:41.000000Z in microseconds since the Unix epoch.</summary>
    public const long T0 = 1_795_614_041_000_000;

    public static readonly TraceConnection Connection = new(7,
        IPEndPoint.Parse("127.0.0.1:40000"), IPEndPoint.Parse("127.0.0.1:7000"), IPEndPoint.Parse("127.0.0.1:40001"), IPEndPoint.Parse("127.0.0.1:5000"));

    public static void Play(ITraceSink sink)
    {
        sink.OnOpen(T0, Connection);
        sink.OnData(T0 + 1, 7, TraceDirection.ClientToServer, "9\r\nHelloWord"u8);
        sink.OnData(T0 + 20, 7, TraceDirection.ServerToClient, "A\\b\t\0\u0001é"u8);
        sink.OnMessage(T0 + 21, 7, TraceDirection.ServerToClient, "Réponse"u8);
        sink.OnWarning(T0 + 22, 7, TraceDirection.ClientToServer, "framing broken", "xy"u8);
        sink.OnHalfClose(T0 + 300, 7, TraceDirection.ClientToServer);
        sink.OnData(T0 + 301, 7, TraceDirection.ServerToClient, Encoding.ASCII.GetBytes("0123456789abcdefXYZ"));
        sink.OnError(T0 + 400, 7, new WLSocketException(WLSocketError.NetworkError, "Connection #7: something failed"));
        sink.OnClose(T0 + 1_000_000, new TraceClose(7, TraceCloseReason.Reset, TraceDirection.ServerToClient, 12, 29));
    }

    public static string Render(TraceFormat format)
    {
        using var output = new MemoryStream();
        using (var writer = new TraceWriter(output, format, flushEachEvent: true, leaveOpen: true))
        {
            Play(writer);
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }
}
