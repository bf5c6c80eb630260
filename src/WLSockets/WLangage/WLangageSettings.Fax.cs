namespace WLSockets.WLangage;

/// <summary>Fax settings of the facades (C# extensions: WinDev's fax functions log in as the Windows user).</summary>
public static partial class WLangageSettings
{
    private static long s_faxPollTicks = TimeSpan.FromSeconds(2).Ticks;

    /// <summary>User name <c>FaxConnecte</c> logs in with on the HylaFAX server; null (default) = the operating-system user.</summary>
    public static string? FaxUser { get; set; }

    /// <summary>Password <c>FaxConnecte</c> gives when the server asks for one; null (default) = none.</summary>
    public static string? FaxPassword { get; set; }

    /// <summary>
    /// How often a fax sent by <c>FaxEnvoie</c> with a procedure is checked for state changes (the server does not push
    /// them). Default 2 s; at least 10 ms.
    /// </summary>
    public static TimeSpan FaxPollInterval
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref s_faxPollTicks));
        set => Interlocked.Exchange(ref s_faxPollTicks, value >= TimeSpan.FromMilliseconds(10)
            ? value.Ticks
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The fax poll interval must be at least 10 ms."));
    }
}
