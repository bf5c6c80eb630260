namespace WLSockets.Fax;

/// <summary>Login and limits of a <see cref="FaxClient"/>.</summary>
public sealed class FaxClientOptions
{
    /// <summary>The user name sent with <c>USER</c> (default: the name of the current operating-system user).</summary>
    public string User { get; set; } = Environment.UserName;

    /// <summary>The password sent with <c>PASS</c> when the server asks for one (reply 331); null = none. Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>Time allowed to connect and receive the server's greeting (default 10 s).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed for each reply of the server (default 30 s).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for each chunk of an upload or listing to move on the data connection (default 60 s): a stalled transfer fails after it.</summary>
    public TimeSpan TransferTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest reply accepted on the control connection, all lines together (default 64 KiB).</summary>
    public int MaxReplyBytes { get; set; } = 64 * 1024;

    /// <summary>Largest queue listing accepted on the data connection (default 8 MiB, tens of thousands of jobs).</summary>
    public int MaxListingBytes { get; set; } = 8 * 1024 * 1024;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(User);
        FaxClient.CheckArgument(User, nameof(User));
        if (Password is not null)
        {
            FaxClient.CheckArgument(Password, nameof(Password));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxReplyBytes, 512);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxListingBytes, 1024);
        foreach ((TimeSpan value, string name) in new[] { (ConnectTimeout, nameof(ConnectTimeout)), (CommandTimeout, nameof(CommandTimeout)), (TransferTimeout, nameof(TransferTimeout)) })
        {
            if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(name, value, "A timeout must be positive (or Timeout.InfiniteTimeSpan).");
            }
        }
    }
}
