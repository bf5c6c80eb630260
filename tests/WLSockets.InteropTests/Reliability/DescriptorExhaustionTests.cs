using System.Net;
using System.Net.Sockets;
using System.Text;
using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.InteropTests.Reliability;

/// <summary>
/// A listener that runs out of file descriptors (<c>wlsock listen</c> under <c>prlimit --nofile=256</c>): it refuses
/// new clients with a clear warning instead of crashing, and serves again once descriptors are free.
/// </summary>
public class DescriptorExhaustionTests
{
    private static readonly byte[] s_hello = Encoding.ASCII.GetBytes("2\r\nhi");

    [Fact(Timeout = 180_000)]
    public async Task Out_of_descriptors_the_listener_refuses_with_a_clear_error_and_recovers()
    {
        string prlimit = Tools.Require("prlimit", "util-linux");
        (PeerProcess wlsock, int port) = await Wlsock.ListenUnderAsync([prlimit, "--nofile=256:256"], "127.0.0.1", "--echo");
        await using (wlsock)
        {
            var clients = new List<Socket>();
            try
            {
                // One client at a time, each served, until the listener refuses one (256 descriptors, ~60 for .NET).
                bool refused = false;
                for (int i = 0; i < 400 && !refused; i++)
                {
                    Socket client = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    clients.Add(client);
                    refused = !await ServedAsync(client, port);
                }

                Assert.True(refused, $"the listener served {clients.Count} clients with a 256-descriptor limit: it never ran out ({wlsock.Describe()})");
                string warning = await wlsock.WaitForErrorLineAsync(l => l.Contains("out of file descriptors", StringComparison.Ordinal), Tools.Timeout, "the out-of-descriptors warning");
                Assert.Contains("ulimit -n", warning, StringComparison.Ordinal);
                Assert.False(wlsock.HasExited, "the listener died when it ran out of descriptors: " + wlsock.Describe());

                // Free the descriptors: the listener serves again (each attempt ends on an answer or a close: no sleep).
                foreach (Socket client in clients)
                {
                    client.Dispose();
                }

                clients.Clear();
                bool servedAgain = false;
                var limit = System.Diagnostics.Stopwatch.StartNew();
                while (!servedAgain && limit.Elapsed < Tools.Timeout)
                {
                    using Socket client = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    servedAgain = await ServedAsync(client, port);
                }

                Assert.True(servedAgain, "the listener did not serve again after the clients closed: " + wlsock.Describe());
                Assert.False(wlsock.HasExited);
            }
            finally
            {
                foreach (Socket client in clients)
                {
                    client.Dispose();
                }
            }
        }
    }

    /// <summary>Connects, sends one message and waits for its echo: true when echoed, false when the listener closed it.</summary>
    private static async Task<bool> ServedAsync(Socket client, int port)
    {
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), Tools.Token).AsTask().WaitAsync(Tools.Timeout, Tools.Token);
        try
        {
            await client.SendAsync(s_hello, SocketFlags.None, Tools.Token);
            byte[] reply = new byte[s_hello.Length];
            int total = 0;
            while (total < reply.Length)
            {
                int n = await client.ReceiveAsync(reply.AsMemory(total), SocketFlags.None, Tools.Token).AsTask().WaitAsync(Tools.Timeout, Tools.Token);
                if (n == 0)
                {
                    return false;
                }

                total += n;
            }

            Assert.Equal(s_hello, reply);
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
        {
            return false;
        }
    }
}
