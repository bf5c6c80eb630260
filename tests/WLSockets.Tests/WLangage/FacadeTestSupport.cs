using System.Net;
using System.Net.Sockets;
using WLSockets.WLangage;

namespace WLSockets.Tests.WLangage;

/// <summary>Helpers for facade tests: unique names (the registry is process-wide) and a free loopback port.</summary>
internal static class FacadeTestSupport
{
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);

    /// <summary>A socket name no other test uses.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>
    /// WinDev's SocketCrée rejects port 0 (open question G7), so the facade tests ask the OS for a free port by
    /// binding port 0, and create the listener on it, retrying on the rare collision.
    /// </summary>
    public static int CreateListener(string name, string address = "127.0.0.1")
    {
        for (int attempt = 0; ; attempt++)
        {
            int port = FreePort();
            if (Fonctions.SocketCrée(name, port, address))
            {
                return port;
            }

            if (attempt == 10 || Fonctions.ErreurInfo(Fonctions.errCode) != (int)WLSocketError.AddressInUse)
            {
                throw new InvalidOperationException($"SocketCrée failed: {Fonctions.ErreurInfo()}");
            }
        }
    }

    public static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>Runs a blocking WLangage-style body on its own thread (as ThreadExécute does) and returns a task for it.</summary>
    public static Task RunThread(Action body)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                body();
                done.SetResult();
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        })
        { IsBackground = true };
        thread.Start();
        return done.Task;
    }
}
