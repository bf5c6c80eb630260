using System.Net;
using System.Net.Sockets;
using WLSockets.Tests.Fakes;

namespace WLSockets.Tests.Socks;

/// <summary>
/// An in-process SOCKS5 server that serves one client with scripted answers and records the bytes the client sent, so
/// a test can check the exact greeting and CONNECT request (ATYP 01 / 03 / 04). After a success reply it becomes the
/// destination itself: it echoes raw bytes.
/// </summary>
internal sealed class FakeSocksProxy : IDisposable
{
    private readonly RawServer _server = RawServer.Start();
    private readonly TaskCompletionSource<byte[]> _request = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="reply">The reply to CONNECT (default: success, bound 127.0.0.1:1); null = never answer the CONNECT.</param>
    public FakeSocksProxy(byte[]? reply = null, bool useDefaultReply = true)
    {
        byte[]? answer = reply ?? (useDefaultReply ? [0x05, 0x00, 0x00, 0x01, 127, 0, 0, 1, 0, 1] : null);
        _ = Task.Run(() => ServeAsync(answer)); // ends with its client or the server's disposal
    }

    public IPEndPoint EndPoint => _server.EndPoint;

    public Socks5ProxyOptions Options(bool remote = false) => new("127.0.0.1", _server.Port) { ResolveHostRemotely = remote };

    /// <summary>The greeting followed by the CONNECT request, as received.</summary>
    public Task<byte[]> Request => _request.Task;

    private async Task ServeAsync(byte[]? answer)
    {
        using RawPeer client = await _server.AcceptAsync();
        try
        {
            var seen = new List<byte>();
            byte[] greeting = await client.ReadExactlyAsync(2);
            seen.AddRange(greeting);
            seen.AddRange(await client.ReadExactlyAsync(greeting[1]));
            await client.SendAsync([0x05, 0x00]);
            byte[] head = await client.ReadExactlyAsync(4);
            seen.AddRange(head);
            int rest = head[3] switch
            {
                0x01 => 4 + 2,
                0x04 => 16 + 2,
                _ => -1,
            };
            if (rest < 0)
            {
                byte[] length = await client.ReadExactlyAsync(1);
                seen.AddRange(length);
                rest = length[0] + 2;
            }

            seen.AddRange(await client.ReadExactlyAsync(rest));
            _request.TrySetResult([.. seen]);
            if (answer is null)
            {
                await client.ReadToEndAsync(); // silent: wait until the client gives up
                return;
            }

            await client.SendAsync(answer);
            if (answer[1] != 0)
            {
                return;
            }

            byte[] buffer = new byte[4096];
            int n;
            while ((n = await client.Socket.ReceiveAsync(buffer, SocketFlags.None, Loopback.Ct)) > 0)
            {
                await client.SendAsync(buffer[..n]);
            }
        }
        catch (Exception ex) when (ex is SocketException or EndOfStreamException or OperationCanceledException or TimeoutException or ObjectDisposedException)
        {
            _request.TrySetException(ex);
        }
    }

    public void Dispose()
    {
        _server.Dispose();
        _request.TrySetCanceled();
    }
}
