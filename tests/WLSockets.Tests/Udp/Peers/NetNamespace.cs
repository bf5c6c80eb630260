using System.Net;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace WLSockets.Tests.Udp.Peers;

/// <summary>
/// A private Linux network namespace for the broadcast and IPv6 multicast tests, so that nothing they send can leave
/// this machine: inside it, and only inside it, a veth pair <c>wla</c> (10.231.7.1, fd57:1e5f:7::1) and <c>wlb</c>
/// (10.231.7.2, fd57:1e5f:7::2) on one /24 and /64. Nothing connects it to the machine's own network. Sockets of the
/// library are created inside it by a thread that has entered it (<see cref="Run{T}"/>); peers run in it through
/// <c>ip netns exec</c>. Deleting the namespace deletes both interfaces.
/// </summary>
internal sealed partial class NetNamespace : IDisposable
{
    public const string SenderAddress = "10.231.7.1";
    public const string ReceiverAddress = "10.231.7.2";
    public const string SubnetBroadcast = "10.231.7.255";
    public const string SenderAddressV6 = "fd57:1e5f:7::1";
    private const int CloneNewNet = 0x40000000;
    private static int s_counter;

    private NetNamespace(string name, int senderIndex, int receiverIndex)
    {
        Name = name;
        SenderIndex = senderIndex;
        ReceiverIndex = receiverIndex;
    }

    public string Name { get; }

    /// <summary>Interface index of <c>wla</c> inside the namespace.</summary>
    public int SenderIndex { get; }

    /// <summary>Interface index of <c>wlb</c> inside the namespace.</summary>
    public int ReceiverIndex { get; }

    /// <summary>Creates the namespace, or skips the test with the reason it cannot be created here.</summary>
    public static NetNamespace CreateOrSkip()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("network namespaces exist on Linux only; broadcast is tested there only, so that no test sends outside this machine");
        }

        string? ip = IpCommand;
        if (ip is null)
        {
            Assert.Skip("the 'ip' command (iproute2) is not installed, so no private network namespace can be created");
        }

        if (HostOwns(SenderAddress))
        {
            Assert.Skip($"this machine itself has the address {SenderAddress}; the namespace tests need it to exist only inside their namespace");
        }

        string name = $"wlsudp{Environment.ProcessId}n{Interlocked.Increment(ref s_counter)}";
        (int exit, _, string error) = Tools.Run(ip, "netns", "add", name);
        if (exit != 0)
        {
            Assert.Skip($"cannot create a network namespace here (needs root and CAP_SYS_ADMIN): {error.Trim()}");
        }

        try
        {
            string[][] setup =
            [
                ["link", "set", "lo", "up"],
                ["link", "add", "wla", "type", "veth", "peer", "name", "wlb"],
                ["addr", "add", $"{SenderAddress}/24", "dev", "wla"],
                ["addr", "add", $"{ReceiverAddress}/24", "dev", "wlb"],
                ["-6", "addr", "add", $"{SenderAddressV6}/64", "dev", "wla", "nodad"],
                ["-6", "addr", "add", "fd57:1e5f:7::2/64", "dev", "wlb", "nodad"],
                ["link", "set", "wla", "up"],
                ["link", "set", "wlb", "up"],
            ];
            foreach (string[] command in setup)
            {
                (exit, _, error) = Tools.Run(ip, ["netns", "exec", name, ip, .. command]);
                if (exit != 0)
                {
                    throw new InvalidOperationException($"ip {string.Join(' ', command)} failed inside {name}: {error}");
                }
            }

            return new NetNamespace(name, IndexOf(ip, name, "wla"), IndexOf(ip, name, "wlb"));
        }
        catch
        {
            Tools.Run(ip, "netns", "del", name);
            throw;
        }
    }

    /// <summary>Runs <paramref name="body"/> on a new thread that has entered the namespace: sockets it creates live there.</summary>
    public T Run<T>(Func<T> body)
    {
        T result = default!;
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                using SafeFileHandle handle = File.OpenHandle($"/var/run/netns/{Name}", FileMode.Open, FileAccess.Read);
                if (SetNs((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new InvalidOperationException($"setns into {Name} failed: errno {Marshal.GetLastPInvokeError()}");
                }

                result = body();
            }
            catch (Exception ex)
            {
                error = ExceptionDispatchInfo.Capture(ex);
            }
        })
        { IsBackground = true };
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(20)), "the namespace thread did not finish");
        error?.Throw();
        return result;
    }

    /// <summary>Starts the Python UDP peer inside the namespace.</summary>
    public PeerProcess StartPython(params string[] arguments) =>
        PeerProcess.Start(IpCommand!, ["netns", "exec", Name, Tools.RequirePython(), Tools.PeerScript, .. arguments]);

    public void Dispose() => Tools.Run(IpCommand!, "netns", "del", Name);

    /// <summary>iproute2's <c>ip</c> (often in /usr/sbin, which may not be on PATH).</summary>
    private static string? IpCommand => Tools.Find("ip") ?? (File.Exists("/usr/sbin/ip") ? "/usr/sbin/ip" : null);

    /// <summary>True when the machine's own namespace has <paramref name="address"/> (a bind to it succeeds).</summary>
    private static bool HostOwns(string address)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            probe.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int IndexOf(string ip, string name, string device)
    {
        (int exit, string stdout, string error) = Tools.Run(ip, "netns", "exec", name, "cat", $"/sys/class/net/{device}/ifindex");
        return exit == 0 ? int.Parse(stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"no index for {device} in {name}: {error}");
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nsType);
}
