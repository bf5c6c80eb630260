using System.Net;
using System.Text;
using WLSockets.Internal;
using WLSockets.Text;
using WLSockets.Transports.Udp;

namespace WLSockets;

/// <summary>
/// A UDP socket bound to a local port (WinDev <c>SocketCréeUDP</c>): each send is one datagram to the destination it
/// names, each receive returns one whole datagram and its sender.
/// </summary>
/// <remarks>
/// <para>UDP keeps datagram boundaries but guarantees nothing else: a datagram may be lost, duplicated or arrive out of
/// order. Every receive reads into a buffer larger than any UDP payload, so a datagram is never truncated; a send
/// larger than the UDP maximum (<see cref="MaxIPv4DatagramSize"/>, <see cref="MaxIPv6DatagramSize"/>) fails with
/// <see cref="WLSocketError.MessageTooLarge"/> and sends nothing.</para>
/// <para>Broadcast is enabled. With address reuse (the default), other sockets and programs that also ask for it may
/// bind the same port; unicast datagrams then go to one of them (on Linux the last bound), broadcast and multicast ones
/// to all.</para>
/// <para>Threading: sends and receives may run at the same time from any threads. Concurrent receives are serialised
/// (each waits for the other within its own timeout), so each datagram is returned exactly once.
/// <see cref="Close"/>/<see cref="Dispose"/> may be called from any thread and makes pending receives fail with
/// <see cref="WLSocketError.ConnectionReset"/>.</para>
/// <para>Failures throw <see cref="WLSocketException"/>; cancellation throws <see cref="OperationCanceledException"/>.</para>
/// </remarks>
public sealed class DatagramSocket : IDisposable, IAsyncDisposable
{
    /// <summary>The largest payload of a datagram sent over IPv4: 65 507 bytes.</summary>
    public const int MaxIPv4DatagramSize = UdpAddresses.MaxIPv4Payload;

    /// <summary>The largest payload of a datagram sent over IPv6: 65 527 bytes.</summary>
    public const int MaxIPv6DatagramSize = UdpAddresses.MaxIPv6Payload;

    private readonly UdpChannel _channel;
    private volatile Encoding _encoding = WinDevEncodings.Ansi;
    private int _closed;

    private DatagramSocket(UdpChannel channel) => _channel = channel;

    /// <summary>Binds a UDP socket to <paramref name="port"/> on every IPv4 interface.</summary>
    /// <inheritdoc cref="Bind(string, int, bool)"/>
    public static DatagramSocket Bind(int port) => Bind("", port);

    /// <summary>Binds a UDP socket to <paramref name="address"/>:<paramref name="port"/>.</summary>
    /// <param name="address">Empty = every IPv4 interface (WinDev's default); <c>::</c> = IPv6 and IPv4 (dual stack);
    /// an IPv4/IPv6 literal or a host name = that address only (<c>127.0.0.1</c> or <c>::1</c> for loopback only).</param>
    /// <param name="port">1 to 65535, or 0 to let the system pick a free port (read it back from <see cref="LocalEndPoint"/>).</param>
    /// <param name="exclusiveAddress">True to refuse sharing the port (WinDev <c>SocketAdresseUnique</c>): binding fails if
    /// another socket holds it, and no other socket can bind it afterwards. Default false: the port is shared with the
    /// sockets that also ask for address reuse, as WinDev does.</param>
    /// <exception cref="WLSocketException">Port in use without sharing, address not local, permission denied.</exception>
    public static DatagramSocket Bind(string address, int port, bool exclusiveAddress = false)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, "Invalid port number: use 1 to 65535, or 0 for any free port.");
        }

        return new DatagramSocket(new UdpChannel(UdpBoundSocket.Create(address, port, reuseAddress: !exclusiveAddress)));
    }

    /// <summary>The local address and port (with the real port when 0 was asked).</summary>
    public IPEndPoint LocalEndPoint => _channel.LocalEndPoint;

    /// <summary>The OS socket underneath (for tests and diagnostics).</summary>
    internal UdpChannel Channel => _channel;

    /// <summary>Encoding of the string sends and of <see cref="Datagram.GetString()"/>. Default Windows-1252 ("ANSI").</summary>
    public Encoding Encoding
    {
        get => _encoding;
        set => _encoding = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Whether datagrams may be sent to broadcast addresses (subnet or 255.255.255.255). Default true.</summary>
    public bool EnableBroadcast
    {
        get => _channel.Socket.EnableBroadcast;
        set => _channel.Socket.EnableBroadcast = value;
    }

    /// <summary>Whether multicast datagrams sent by this socket are also delivered to members on this machine. Default true.</summary>
    public bool MulticastLoopback
    {
        get => UdpMulticast.GetLoopback(_channel);
        set => UdpMulticast.SetLoopback(_channel, value);
    }

    /// <summary>
    /// Time to live (IPv4) / hop limit (IPv6) of multicast datagrams sent, 0 to 255. Default 1 (the local network);
    /// 0 keeps them on this machine.
    /// </summary>
    public int MulticastTimeToLive
    {
        get => UdpMulticast.GetTimeToLive(_channel);
        set => UdpMulticast.SetTimeToLive(_channel, value);
    }

    /// <summary>Sends multicast datagrams through the network interface that has <paramref name="localAddress"/> (for example <c>127.0.0.1</c>).</summary>
    /// <exception cref="WLSocketException">No interface has this address, or the system refused.</exception>
    public void SetMulticastInterface(IPAddress localAddress) => UdpMulticast.SetInterface(_channel, localAddress);

    /// <summary>Sends multicast datagrams through the network interface numbered <paramref name="interfaceIndex"/>.</summary>
    /// <exception cref="WLSocketException">No such interface, or the system refused.</exception>
    public void SetMulticastInterface(int interfaceIndex) => UdpMulticast.SetInterface(_channel, interfaceIndex);

    /// <summary>Joins multicast <paramref name="group"/> (IPv4 or IPv6) on the interface the system chooses.</summary>
    /// <exception cref="ArgumentException">Not a multicast address, or not of this socket's address family.</exception>
    /// <exception cref="WLSocketException">The system refused.</exception>
    public void JoinGroup(IPAddress group) => UdpMulticast.ChangeMembership(_channel, group, null, 0, join: true);

    /// <summary>Joins multicast <paramref name="group"/> on the network interface that has <paramref name="localInterface"/>.</summary>
    /// <inheritdoc cref="JoinGroup(IPAddress)"/>
    public void JoinGroup(IPAddress group, IPAddress localInterface) =>
        UdpMulticast.ChangeMembership(_channel, group, localInterface ?? throw new ArgumentNullException(nameof(localInterface)), 0, join: true);

    /// <summary>Joins multicast <paramref name="group"/> on the network interface numbered <paramref name="interfaceIndex"/>.</summary>
    /// <inheritdoc cref="JoinGroup(IPAddress)"/>
    public void JoinGroup(IPAddress group, int interfaceIndex) => UdpMulticast.ChangeMembership(_channel, group, null, interfaceIndex, join: true);

    /// <summary>Leaves a group joined with <see cref="JoinGroup(IPAddress)"/>.</summary>
    /// <inheritdoc cref="JoinGroup(IPAddress)"/>
    public void LeaveGroup(IPAddress group) => UdpMulticast.ChangeMembership(_channel, group, null, 0, join: false);

    /// <summary>Leaves a group joined with <see cref="JoinGroup(IPAddress, IPAddress)"/>.</summary>
    /// <inheritdoc cref="JoinGroup(IPAddress)"/>
    public void LeaveGroup(IPAddress group, IPAddress localInterface) =>
        UdpMulticast.ChangeMembership(_channel, group, localInterface ?? throw new ArgumentNullException(nameof(localInterface)), 0, join: false);

    /// <summary>Leaves a group joined with <see cref="JoinGroup(IPAddress, int)"/>.</summary>
    /// <inheritdoc cref="JoinGroup(IPAddress)"/>
    public void LeaveGroup(IPAddress group, int interfaceIndex) => UdpMulticast.ChangeMembership(_channel, group, null, interfaceIndex, join: false);

    /// <summary>Sends <paramref name="datagram"/> as one datagram to <paramref name="destination"/>.</summary>
    /// <exception cref="WLSocketException"><see cref="WLSocketError.MessageTooLarge"/> above the UDP maximum (nothing is sent),
    /// <see cref="WLSocketError.InvalidArgument"/> for a destination of the other address family, network failures.</exception>
    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return SendCoreAsync(IOBehavior.Asynchronous, datagram, destination, null, 0, cancellationToken);
    }

    /// <summary>Sends <paramref name="datagram"/> as one datagram to <paramref name="host"/>:<paramref name="port"/>.</summary>
    /// <param name="datagram">The payload (may be empty).</param>
    /// <param name="host">IPv4 or IPv6 literal, host name, or broadcast address.</param>
    /// <param name="port">Destination port, 1 to 65535.</param>
    /// <param name="cancellationToken">Cancels the name resolution or the send.</param>
    /// <inheritdoc cref="SendAsync(ReadOnlyMemory{byte}, IPEndPoint, CancellationToken)"/>
    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, string host, int port, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        return SendCoreAsync(IOBehavior.Asynchronous, datagram, null, host, port, cancellationToken);
    }

    /// <summary>Sends <paramref name="text"/>, encoded with <see cref="Encoding"/>, as one datagram.</summary>
    /// <inheritdoc cref="SendAsync(ReadOnlyMemory{byte}, string, int, CancellationToken)"/>
    public ValueTask SendAsync(string text, string host, int port, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SendAsync(Encoding.GetBytes(text), host, port, cancellationToken);
    }

    /// <summary>Sends <paramref name="text"/>, encoded with <see cref="Encoding"/>, as one datagram.</summary>
    /// <inheritdoc cref="SendAsync(ReadOnlyMemory{byte}, IPEndPoint, CancellationToken)"/>
    public ValueTask SendAsync(string text, IPEndPoint destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SendAsync(Encoding.GetBytes(text), destination, cancellationToken);
    }

    /// <summary>Blocking form of <see cref="SendAsync(ReadOnlyMemory{byte}, IPEndPoint, CancellationToken)"/>.</summary>
    public void Send(ReadOnlySpan<byte> datagram, IPEndPoint destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Sync.Wait(SendCoreAsync(IOBehavior.Synchronous, datagram.ToArray(), destination, null, 0, default));
    }

    /// <summary>Blocking form of <see cref="SendAsync(ReadOnlyMemory{byte}, string, int, CancellationToken)"/>.</summary>
    public void Send(ReadOnlySpan<byte> datagram, string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        Sync.Wait(SendCoreAsync(IOBehavior.Synchronous, datagram.ToArray(), null, host, port, default));
    }

    /// <summary>Blocking form of <see cref="SendAsync(string, string, int, CancellationToken)"/>.</summary>
    public void Send(string text, string host, int port)
    {
        ArgumentNullException.ThrowIfNull(text);
        Send(Encoding.GetBytes(text), host, port);
    }

    /// <summary>Blocking form of <see cref="SendAsync(string, IPEndPoint, CancellationToken)"/>.</summary>
    public void Send(string text, IPEndPoint destination)
    {
        ArgumentNullException.ThrowIfNull(text);
        Send(Encoding.GetBytes(text), destination);
    }

    /// <summary>Receives one whole datagram, waiting as long as it takes.</summary>
    public ValueTask<Datagram> ReceiveAsync(CancellationToken cancellationToken = default) =>
        ReceiveCoreAsync(IOBehavior.Asynchronous, Deadline.Infinite, cancellationToken);

    /// <summary>
    /// Receives one whole datagram, or fails with <see cref="WLSocketError.Timeout"/> after <paramref name="timeout"/>
    /// (zero = only a datagram already there; negative or <see cref="Timeout.InfiniteTimeSpan"/> = no limit).
    /// </summary>
    public ValueTask<Datagram> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        ReceiveCoreAsync(IOBehavior.Asynchronous, Deadline.After(timeout), cancellationToken);

    /// <summary>Blocking receive of one whole datagram; <c>null</c> timeout waits forever.</summary>
    public Datagram Receive(TimeSpan? timeout = null) =>
        Sync.Result(ReceiveCoreAsync(IOBehavior.Synchronous, Deadline.After(timeout ?? Timeout.InfiniteTimeSpan), default));

    /// <summary>The shared receive path of every public and facade receive.</summary>
    internal async ValueTask<Datagram> ReceiveCoreAsync(IOBehavior io, Deadline deadline, CancellationToken cancellationToken)
    {
        // As for connections: a receive started after Close is misuse; one already waiting fails with ConnectionReset.
        ObjectDisposedException.ThrowIf(_closed != 0, this);
        Encoding encoding = Encoding;
        (byte[] data, IPEndPoint sender) = await _channel.ReceiveAsync(io, deadline, cancellationToken).ConfigureAwait(false);
        return new Datagram(data, sender, encoding);
    }

    /// <summary>
    /// The shared send path: sends one datagram to <paramref name="destination"/>, or when it is null to
    /// <paramref name="host"/>:<paramref name="port"/> once resolved, after checking its size.
    /// </summary>
    internal async ValueTask SendCoreAsync(IOBehavior io, ReadOnlyMemory<byte> datagram, IPEndPoint? destination, string? host, int port, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closed != 0, this);
        IPEndPoint target = destination is not null
            ? UdpAddresses.CheckDestination(_channel, destination)
            : await UdpAddresses.ResolveDestinationAsync(_channel, host ?? "", port, io, cancellationToken).ConfigureAwait(false);
        int max = UdpAddresses.MaxPayload(target.Address);
        if (datagram.Length > max)
        {
            throw new WLSocketException(WLSocketError.MessageTooLarge,
                $"Datagram of {datagram.Length} bytes is larger than the UDP maximum of {max} bytes {(max == MaxIPv4DatagramSize ? "over IPv4" : "over IPv6")}: nothing was sent. Split it into several datagrams, or use a TCP socket.");
        }

        await _channel.SendAsync(datagram, target, io, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the socket and frees the port. Pending receives fail with <see cref="WLSocketError.ConnectionReset"/>.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _channel.Close();
        }
    }

    /// <summary>Same as <see cref="Close"/>.</summary>
    public void Dispose() => Close();

    /// <summary>Same as <see cref="Close"/>.</summary>
    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }
}
