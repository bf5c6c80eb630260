using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace WLSockets.Relay;

/// <summary>
/// Writes the relayed traffic as a classic libpcap capture (LINKTYPE_RAW: IPv4 or IPv6 packets) that Wireshark and
/// <c>tshark</c> open as ordinary TCP conversations, one per relayed connection, between the real client and the real
/// server endpoints.
/// </summary>
/// <remarks>
/// The packets are synthesized, not captured: a three-way handshake at the open event, data segments of at most
/// <see cref="MaxSegmentSize"/> bytes with consistent sequence and acknowledgement numbers, a FIN for each half-close,
/// a RST for a reset, valid IP and TCP checksums. When the client and server address families differ, both are
/// written as IPv6 (IPv4 addresses mapped). Connections that never reached the target are not written.
/// </remarks>
public sealed class PcapWriter : ITraceSink, IDisposable
{
    /// <summary>Largest payload of one synthesized segment.</summary>
    public const int MaxSegmentSize = 16 * 1024;

    private const int LinkTypeRaw = 101;
    private const byte Fin = 0x01;
    private const byte Syn = 0x02;
    private const byte Rst = 0x04;
    private const byte Psh = 0x08;
    private const byte Ack = 0x10;
    private readonly SinkOutput _output;
    private readonly Lock _lock = new();
    private readonly byte[] _packet = new byte[16 + 40 + 20 + MaxSegmentSize];
    private readonly ConcurrentDictionary<long, Conversation> _conversations = new();

    /// <param name="output">The capture file; the pcap header is written at once.</param>
    /// <param name="leaveOpen">Leave <paramref name="output"/> open when disposed.</param>
    public PcapWriter(Stream output, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = new SinkOutput(output, leaveOpen);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xa1b2c3d4); // microsecond timestamps
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], 0); // GMT
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0); // accuracy
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 262_144); // snap length
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], LinkTypeRaw);
        _output.Write(header);
    }

    /// <inheritdoc/>
    public bool WantsData => true;

    /// <inheritdoc/>
    public void OnOpen(long timestampMicros, TraceConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var c = new Conversation(connection);
        _conversations[connection.Id] = c;
        lock (_lock)
        {
            WritePacket(timestampMicros, c, fromClient: true, Syn, c.ClientSeq, 0, []);
            c.ClientSeq++;
            WritePacket(timestampMicros, c, fromClient: false, Syn | Ack, c.ServerSeq, c.ClientSeq, []);
            c.ServerSeq++;
            WritePacket(timestampMicros, c, fromClient: true, Ack, c.ClientSeq, c.ServerSeq, []);
        }
    }

    /// <inheritdoc/>
    public void OnData(long timestampMicros, long connectionId, TraceDirection direction, ReadOnlySpan<byte> data)
    {
        if (!_conversations.TryGetValue(connectionId, out Conversation? c))
        {
            return;
        }

        bool fromClient = direction == TraceDirection.ClientToServer;
        lock (_lock)
        {
            while (!data.IsEmpty)
            {
                ReadOnlySpan<byte> segment = data[..Math.Min(MaxSegmentSize, data.Length)];
                data = data[segment.Length..];
                if (fromClient)
                {
                    WritePacket(timestampMicros, c, true, Psh | Ack, c.ClientSeq, c.ServerSeq, segment);
                    c.ClientSeq += (uint)segment.Length;
                }
                else
                {
                    WritePacket(timestampMicros, c, false, Psh | Ack, c.ServerSeq, c.ClientSeq, segment);
                    c.ServerSeq += (uint)segment.Length;
                }
            }
        }
    }

    /// <inheritdoc/>
    public void OnHalfClose(long timestampMicros, long connectionId, TraceDirection direction)
    {
        if (_conversations.TryGetValue(connectionId, out Conversation? c))
        {
            lock (_lock)
            {
                SendFin(timestampMicros, c, direction == TraceDirection.ClientToServer);
            }
        }
    }

    /// <inheritdoc/>
    public void OnClose(long timestampMicros, TraceClose close)
    {
        ArgumentNullException.ThrowIfNull(close);
        if (!_conversations.TryRemove(close.ConnectionId, out Conversation? c))
        {
            return;
        }

        lock (_lock)
        {
            if (close.Reason is TraceCloseReason.Reset or TraceCloseReason.Error)
            {
                bool fromClient = close.ResetBy != TraceDirection.ServerToClient;
                WritePacket(timestampMicros, c, fromClient, Rst | Ack, fromClient ? c.ClientSeq : c.ServerSeq, fromClient ? c.ServerSeq : c.ClientSeq, []);
            }
            else
            {
                SendFin(timestampMicros, c, fromClient: true);
                SendFin(timestampMicros, c, fromClient: false);

                // The last FIN is acknowledged by the side that sent the first one.
                bool ackFromServer = c.ServerFinFirst;
                WritePacket(timestampMicros, c, !ackFromServer, Ack, ackFromServer ? c.ServerSeq : c.ClientSeq, ackFromServer ? c.ClientSeq : c.ServerSeq, []);
            }

            _output.Flush();
        }
    }

    /// <inheritdoc/>
    public void OnError(long timestampMicros, long connectionId, WLSocketException failure)
    {
        // Errors have no packet of their own: a reset or close follows.
    }

    /// <summary>Flushes; closes the stream unless told to leave it open.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _output.Dispose();
        }
    }

    private void SendFin(long timestampMicros, Conversation c, bool fromClient)
    {
        if (fromClient ? c.ClientFin : c.ServerFin)
        {
            return;
        }

        if (fromClient)
        {
            c.ClientFin = true;
            WritePacket(timestampMicros, c, true, Fin | Ack, c.ClientSeq, c.ServerSeq, []);
            c.ClientSeq++;
        }
        else
        {
            c.ServerFinFirst = !c.ClientFin;
            c.ServerFin = true;
            WritePacket(timestampMicros, c, false, Fin | Ack, c.ServerSeq, c.ClientSeq, []);
            c.ServerSeq++;
        }
    }

    /// <summary>Builds one packet (record header, IP header, TCP header, payload) in the shared buffer and writes it.</summary>
    private void WritePacket(long timestampMicros, Conversation c, bool fromClient, int flags, uint seq, uint ack, ReadOnlySpan<byte> payload)
    {
        if (_output.IsDisposed)
        {
            return;
        }

        Span<byte> packet = _packet;
        ReadOnlySpan<byte> source = fromClient ? c.ClientAddress : c.ServerAddress;
        ReadOnlySpan<byte> destination = fromClient ? c.ServerAddress : c.ClientAddress;
        int ipLength = c.IsIPv6 ? 40 : 20;
        int tcpLength = 20 + payload.Length;
        int total = ipLength + tcpLength;
        Span<byte> ip = packet.Slice(16, ipLength);
        if (c.IsIPv6)
        {
            BinaryPrimitives.WriteUInt32BigEndian(ip, 0x6000_0000);
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)tcpLength);
            ip[6] = 6; // TCP
            ip[7] = 64;
            source.CopyTo(ip[8..]);
            destination.CopyTo(ip[24..]);
        }
        else
        {
            ip[0] = 0x45;
            ip[1] = 0;
            BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)total);
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], c.NextIpId++);
            BinaryPrimitives.WriteUInt16BigEndian(ip[6..], 0x4000); // don't fragment
            ip[8] = 64;
            ip[9] = 6; // TCP
            ip[10] = 0;
            ip[11] = 0;
            source.CopyTo(ip[12..]);
            destination.CopyTo(ip[16..]);
            BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum(0, ip));
        }

        Span<byte> tcp = packet.Slice(16 + ipLength, tcpLength);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, (ushort)(fromClient ? c.ClientPort : c.ServerPort));
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], (ushort)(fromClient ? c.ServerPort : c.ClientPort));
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], seq);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], (flags & Ack) != 0 ? ack : 0);
        tcp[12] = 5 << 4;
        tcp[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 65535);
        tcp[16] = 0;
        tcp[17] = 0;
        tcp[18] = 0;
        tcp[19] = 0;
        payload.CopyTo(tcp[20..]);

        // Pseudo-header: addresses, protocol, TCP length.
        uint sum = Sum(0, source);
        sum = Sum(sum, destination);
        sum += 6;
        sum += (uint)tcpLength;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], Checksum(sum, tcp));

        BinaryPrimitives.WriteUInt32LittleEndian(packet, (uint)(timestampMicros / 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(packet[4..], (uint)(timestampMicros % 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(packet[8..], (uint)total);
        BinaryPrimitives.WriteUInt32LittleEndian(packet[12..], (uint)total);
        _output.Write(packet[..(16 + total)]);
    }

    /// <summary>Adds 16-bit big-endian words (RFC 1071), carries folded later.</summary>
    private static uint Sum(uint sum, ReadOnlySpan<byte> data)
    {
        int i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += (uint)((data[i] << 8) | data[i + 1]);
            if (sum > 0x7FFF_FFFF)
            {
                sum = (sum & 0xFFFF) + (sum >> 16);
            }
        }

        if (i < data.Length)
        {
            sum += (uint)(data[i] << 8);
        }

        return sum;
    }

    private static ushort Checksum(uint sum, ReadOnlySpan<byte> data)
    {
        sum = Sum(sum, data);
        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    /// <summary>The synthesized TCP state of one relayed connection (touched under the writer's lock only).</summary>
    private sealed class Conversation
    {
        public Conversation(TraceConnection connection)
        {
            IPAddress client = connection.Client.Address;
            IPAddress server = connection.Server.Address;
            if (client.IsIPv4MappedToIPv6)
            {
                client = client.MapToIPv4();
            }

            if (server.IsIPv4MappedToIPv6)
            {
                server = server.MapToIPv4();
            }

            IsIPv6 = client.AddressFamily == AddressFamily.InterNetworkV6 || server.AddressFamily == AddressFamily.InterNetworkV6;
            ClientAddress = (IsIPv6 ? client.MapToIPv6() : client).GetAddressBytes();
            ServerAddress = (IsIPv6 ? server.MapToIPv6() : server).GetAddressBytes();
            ClientPort = connection.Client.Port;
            ServerPort = connection.Server.Port;

            // Fixed initial sequence numbers derived from the id: the same trace gives the same file.
            ClientSeq = unchecked((uint)connection.Id * 0x9E37_79B1u);
            ServerSeq = ClientSeq ^ 0x5BD1_E995u;
        }

        public bool IsIPv6 { get; }

        public byte[] ClientAddress { get; }

        public byte[] ServerAddress { get; }

        public int ClientPort { get; }

        public int ServerPort { get; }

        public uint ClientSeq { get; set; }

        public uint ServerSeq { get; set; }

        public bool ClientFin { get; set; }

        public bool ServerFin { get; set; }

        public bool ServerFinFirst { get; set; }

        public ushort NextIpId { get; set; }
    }
}
