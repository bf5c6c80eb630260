using System.Net;

namespace WLSockets.Messenger;

/// <summary>Settings of a <see cref="MessengerNode"/>. The defaults are those of WinDev's example.</summary>
public sealed class MessengerOptions
{
    /// <summary>
    /// The local address both listeners bind and every outgoing connection comes from. Default
    /// <see cref="IPAddress.Any"/>, as WinDev. Contacts are recognised by IP address, so several instances on one machine
    /// each take their own address (127.0.0.2, 127.0.0.3 ...).
    /// </summary>
    public IPAddress BindAddress { get; set; } = IPAddress.Any;

    /// <summary>Port of the presence listener, and the port probed on contacts. Default 5010.</summary>
    public int PresencePort { get; set; } = MessengerProtocol.DefaultPresencePort;

    /// <summary>Port of the chat-request listener, and the port requests go to. Default 5011.</summary>
    public int ChatPort { get; set; } = MessengerProtocol.DefaultChatPort;

    /// <summary>Time a presence probe may take to connect (WinDev pings first; here the connect is the probe). Default 1500 ms.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>Period of the automatic presence scan. Default 60 s; <see cref="Timeout.InfiniteTimeSpan"/> = on demand only.</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>True (default) to scan once at start, as the example does.</summary>
    public bool ScanAtStart { get; set; } = true;

    /// <summary>How long a chat request waits for <c>OK</c>. Default 2000 ms, as the example.</summary>
    public TimeSpan RequestReplyTimeout { get; set; } = MessengerProtocol.RequestReplyTimeout;

    /// <summary>Largest chat message accepted (a longer one ends the conversation). Default 1 MiB.</summary>
    public long MaxMessageSize { get; set; } = 1024 * 1024;
}
