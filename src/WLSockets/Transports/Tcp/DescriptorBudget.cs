using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace WLSockets.Transports.Tcp;

/// <summary>
/// Keeps the last file descriptors of the process free for the runtime: a listener refuses (closes at once) a client
/// whose descriptor falls in that reserve, instead of accepting until the limit.
/// </summary>
/// <remarks>
/// <para>Found by the descriptor-exhaustion test: a listener that accepted until <c>EMFILE</c> crashed the whole
/// process ("Out of memory.", SIGABRT), because the .NET runtime itself needs descriptors at unpredictable times (a pipe
/// for each new thread, a file to load an assembly) and cannot create a thread without them.</para>
/// <para>Linux gives the lowest free descriptor number, so an accepted socket numbered N means at least N + 1 are open:
/// one comparison per accept, no scan of <c>/proc/self/fd</c>. The reserve is an eighth of the soft limit, 32 to 1024
/// descriptors. The limit is read at every refusal check (it can be raised while the program runs).</para>
/// </remarks>
internal static partial class DescriptorBudget
{
    private const int RlimitNofile = 7; // Linux

    /// <summary>The soft limit and the number of descriptors kept free under it, or null where this does not apply.</summary>
    public static (long Limit, long Reserve)? Current()
    {
        if (!OperatingSystem.IsLinux() || GetRLimit(RlimitNofile, out RLimit limit) != 0 || limit.Current > int.MaxValue)
        {
            return null;
        }

        long soft = (long)limit.Current;
        return (soft, Math.Clamp(soft / 8, 32, 1024));
    }

    /// <summary>
    /// Checks a socket just accepted: when its descriptor lies in the reserve, closes it (the client sees the connection
    /// closed at once) and returns the error to report; null when the socket may be used.
    /// </summary>
    public static WLSocketException? Refuse(Socket accepted, string operation)
    {
        if (Current() is not { } budget)
        {
            return null;
        }

        long descriptor = accepted.SafeHandle.DangerousGetHandle();
        if (descriptor < budget.Limit - budget.Reserve)
        {
            return null;
        }

        accepted.Dispose();
        return Exhausted(operation, budget, descriptor + 1);
    }

    /// <summary>The error for a process out of descriptors (the reserve reached, or the system's EMFILE/ENFILE).</summary>
    public static WLSocketException Exhausted(string operation, Exception? inner = null) =>
        Exhausted(operation, Current(), null, inner);

    private static WLSocketException Exhausted(string operation, (long Limit, long Reserve)? budget, long? open, Exception? inner = null)
    {
        string limits = budget is { } b
            ? string.Create(CultureInfo.InvariantCulture, $"{(open is { } n ? $"at least {n} of " : "")}its {b.Limit} file descriptors are in use, and the last {b.Reserve} are kept free so that the process keeps running")
            : "it has no file descriptor left";
        return new WLSocketException(WLSocketError.TooManyOpenFiles,
            $"{operation} refused a client: this process is out of file descriptors ({limits}); the client's connection was closed. The listener goes on and accepts again as soon as connections close. Close idle connections, or raise the limit (ulimit -n, systemd LimitNOFILE=).",
            inner) { SocketErrorCode = SocketError.TooManyOpenSockets };
    }

    /// <summary>
    /// Raises the soft descriptor limit to <paramref name="wanted"/> within the hard limit (Linux). Null on success, else
    /// why not (the hard limit, or the system's refusal). For programs and tests that hold thousands of connections.
    /// </summary>
    public static string? TryRaiseLimit(ulong wanted)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "the descriptor limit is raised with setrlimit, on Linux only";
        }

        if (GetRLimit(RlimitNofile, out RLimit limit) != 0)
        {
            return $"getrlimit failed: errno {Marshal.GetLastPInvokeError()}";
        }

        if (limit.Current >= wanted)
        {
            return null;
        }

        if (limit.Maximum < wanted)
        {
            return $"the hard limit on open files is {limit.Maximum}, below {wanted} (raise it: ulimit -Hn, or prlimit)";
        }

        limit.Current = wanted;
        return SetRLimit(RlimitNofile, limit) == 0 ? null : $"setrlimit(RLIMIT_NOFILE, {wanted}) failed: errno {Marshal.GetLastPInvokeError()}";
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRLimit(int resource, out RLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetRLimit(int resource, in RLimit limit);
}
