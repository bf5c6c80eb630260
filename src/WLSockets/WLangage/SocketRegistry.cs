using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace WLSockets.WLangage;

/// <summary>The process-wide table of socket names (case-sensitive, as WinDev), shared by every thread.</summary>
internal static class SocketRegistry
{
    private static readonly ConcurrentDictionary<string, NamedSocket> s_sockets = new(StringComparer.Ordinal);

    public static NamedSocket Get(string name)
    {
        ValidateName(name);
        return s_sockets.TryGetValue(name, out NamedSocket? socket)
            ? socket
            : throw new WLSocketException(WLSocketError.UnknownSocket,
                $"Unknown socket '{name}': no socket has this name (names are case-sensitive). Create it with SocketCrée/SocketConnecte, or check it was not closed with SocketFerme.");
    }

    public static bool Exists(string name) => !string.IsNullOrEmpty(name) && s_sockets.ContainsKey(name);

    /// <summary>Fails early, before any network work, when the name cannot be registered.</summary>
    public static void EnsureFree(string name)
    {
        ValidateName(name);
        if (s_sockets.ContainsKey(name))
        {
            throw NameInUse(name);
        }
    }

    /// <summary>Registers <paramref name="socket"/>; if another thread took the name meanwhile, closes it and fails.</summary>
    public static void Add(NamedSocket socket)
    {
        if (!s_sockets.TryAdd(socket.Name, socket))
        {
            socket.Close();
            throw NameInUse(socket.Name);
        }
    }

    /// <summary>Registers an accepted channel under a new name: <c>C</c> + 16 lowercase hex digits of a random 64-bit value (open question G8).</summary>
    public static string AddChannel(MessageConnection connection)
    {
        while (true)
        {
            string name = "C" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
            if (s_sockets.TryAdd(name, NamedSocket.ForConnection(name, SocketKind.Channel, connection)))
            {
                return name;
            }
        }
    }

    /// <summary>Unregisters the name (so <c>SocketExiste</c> turns false at once) and returns what it held.</summary>
    public static NamedSocket Remove(string name)
    {
        ValidateName(name);
        return s_sockets.TryRemove(name, out NamedSocket? socket)
            ? socket
            : throw new WLSocketException(WLSocketError.UnknownSocket, $"Unknown socket '{name}': nothing to close (names are case-sensitive).");
    }

    /// <summary>Unregisters <paramref name="socket"/> if its name still designates it (a failed asynchronous connect, open question W14).</summary>
    public static bool RemoveIfSame(NamedSocket socket) => s_sockets.TryRemove(new KeyValuePair<string, NamedSocket>(socket.Name, socket));

    private static void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new WLSocketException(WLSocketError.EmptyName, "Empty socket name: give every socket a non-empty name.");
        }
    }

    private static WLSocketException NameInUse(string name) =>
        new(WLSocketError.NameInUse, $"A socket named '{name}' already exists: close it with SocketFerme first, or choose another name.");
}
