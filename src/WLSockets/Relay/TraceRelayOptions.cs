namespace WLSockets.Relay;

/// <summary>What a <see cref="TraceRelay"/> listens on, where it connects, and who is told.</summary>
public sealed class TraceRelayOptions
{
    /// <summary>Smallest accepted <see cref="BufferSize"/>.</summary>
    public const int MinBufferSize = 1024;

    /// <summary>Largest accepted <see cref="BufferSize"/>.</summary>
    public const int MaxBufferSize = 4 * 1024 * 1024;

    /// <summary>Local address to listen on: an IP literal (<c>127.0.0.1</c>, <c>::1</c>, <c>0.0.0.0</c>, <c>::</c>). Default <c>127.0.0.1</c>.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>Local port; 0 picks a free port (read it back from <see cref="TraceRelay.LocalEndPoint"/>).</summary>
    public int ListenPort { get; set; }

    /// <summary>The real server's host name or address.</summary>
    public string TargetHost { get; set; } = "";

    /// <summary>The real server's port.</summary>
    public int TargetPort { get; set; }

    /// <summary>When set, clients speak TLS to the relay, which presents this certificate (the trace shows the plaintext).</summary>
    public TlsServerOptions? ListenTls { get; set; }

    /// <summary>When set, the relay speaks TLS to the target (validated as these options say).</summary>
    public TlsClientOptions? TargetTls { get; set; }

    /// <summary>
    /// Bytes read at most per receive, per direction. It is also the most the relay holds per direction: a reader that
    /// stops reading stops the relay's reads of the other side (back-pressure). Default 64 KiB.
    /// </summary>
    public int BufferSize { get; set; } = 64 * 1024;

    /// <summary>Longest wait for the connection to the target (and its TLS handshake). Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock of the event timestamps (a fake one in tests).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Who receives the events; null relays silently.</summary>
    public ITraceSink? Sink { get; set; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ListenPort);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ListenPort, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThan(TargetPort, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(TargetPort, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThan(BufferSize, MinBufferSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BufferSize, MaxBufferSize);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        if (string.IsNullOrWhiteSpace(TargetHost))
        {
            throw new ArgumentException("The relay needs a target host (the real server's name or address).", nameof(TargetHost));
        }
    }
}
