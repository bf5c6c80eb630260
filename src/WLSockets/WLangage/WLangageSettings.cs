using System.Text;
using WLSockets.Text;

namespace WLSockets.WLangage;

/// <summary>
/// Process-wide settings of the WLangage facades (C# extensions; WinDev has no equivalent except
/// <c>Socket.Option</c>, which is <see cref="SocketOption"/>). Read when a socket is created, connected or accepted;
/// existing sockets keep theirs.
/// </summary>
public static partial class WLangageSettings
{
    private static int s_socketOption;
    private static long s_maxMessageSize = MessageConnectionOptions.DefaultMaxMessageSize;
    private static Encoding s_encoding = WinDevEncodings.Ansi;

    /// <summary>
    /// WinDev's <c>Socket.Option</c>: a sum of <c>SocketNagleOff</c> (1), <c>SocketOptimiseConnexionIP</c> (2),
    /// <c>SocketAdresseUnique</c> (4); <c>SocketOptionDéfaut</c> (0) restores the defaults (Nagle on, address reuse on).
    /// </summary>
    public static int SocketOption
    {
        get => Volatile.Read(ref s_socketOption);
        set => Volatile.Write(ref s_socketOption, value);
    }

    /// <summary>
    /// When true, the cases WinDev raises as fatal errors (unknown socket name, invalid mode or information constant,
    /// end markers not respected) throw <see cref="WLangageFatalErrorException"/> instead of returning the failure
    /// value. Default false: every failure is non-fatal, as the documentation describes.
    /// </summary>
    public static bool StrictErrors { get; set; }

    /// <summary>Largest message a socket accepts on read (default 64 MiB).</summary>
    public static long MaxMessageSize
    {
        get => Interlocked.Read(ref s_maxMessageSize);
        set => Interlocked.Exchange(ref s_maxMessageSize, value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The maximum message size must be positive."));
    }

    /// <summary>
    /// Encoding of string messages and markers for new sockets: Windows-1252 ("ANSI", classic WinDev) by default;
    /// <see cref="WinDevEncodings.Utf16"/> for WinDev Unicode projects.
    /// </summary>
    public static Encoding Encoding
    {
        get => Volatile.Read(ref s_encoding);
        set => Volatile.Write(ref s_encoding, value ?? throw new ArgumentNullException(nameof(value)));
    }

    internal const int NagleOff = 1;
    internal const int OptimiseIpConnection = 2;
    internal const int UniqueAddress = 4;

    /// <summary>Connection options for a socket created now.</summary>
    internal static MessageConnectionOptions NewConnectionOptions() => new()
    {
        NoDelay = (SocketOption & NagleOff) != 0,
        MaxMessageSize = MaxMessageSize,
        Encoding = Encoding,
    };
}
