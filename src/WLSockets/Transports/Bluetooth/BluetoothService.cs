using System.Collections.Frozen;
using System.Globalization;

namespace WLSockets.Transports.Bluetooth;

/// <summary>
/// What the <c>&lt;Service&gt;</c> parameter of <c>SocketCréeBluetooth</c> / <c>SocketConnecteBluetooth</c> designates
/// (open question B1): a service class UUID, or directly an RFCOMM channel number (1–30).
/// </summary>
internal readonly record struct BluetoothService(Guid ServiceClass, int Channel)
{
    /// <summary>The Bluetooth base UUID, 00000000-0000-1000-8000-00805F9B34FB; a 16-bit value goes in bytes 2–3.</summary>
    public static readonly Guid BaseUuid = new("00000000-0000-1000-8000-00805F9B34FB");

    /// <summary>The names of <c>transports.md</c> §6.3: Windows SDK <c>bthdef.h</c> names (typo "BasicPringing" included) and their 16-bit values.</summary>
    internal static readonly FrozenDictionary<string, ushort> KnownNames = new Dictionary<string, ushort>(StringComparer.OrdinalIgnoreCase)
    {
        ["ServiceDiscoveryServerServiceClassID_UUID"] = 0x1000,
        ["BrowseGroupDescriptorServiceClassID_UUID"] = 0x1001,
        ["PublicBrowseGroupServiceClass_UUID"] = 0x1002,
        ["SerialPortServiceClass_UUID"] = 0x1101,
        ["LANAccessUsingPPPServiceClass_UUID"] = 0x1102,
        ["DialupNetworkingServiceClass_UUID"] = 0x1103,
        ["IrMCSyncServiceClass_UUID"] = 0x1104,
        ["OBEXObjectPushServiceClass_UUID"] = 0x1105,
        ["OBEXFileTransferServiceClass_UUID"] = 0x1106,
        ["IrMCSyncCommandServiceClass_UUID"] = 0x1107,
        ["HeadsetServiceClass_UUID"] = 0x1108,
        ["CordlessTelephonyServiceClass_UUID"] = 0x1109,
        ["AudioSourceServiceClass_UUID"] = 0x110A,
        ["AudioSinkServiceClass_UUID"] = 0x110B,
        ["AVRemoteControlTargetServiceClass_UUID"] = 0x110C,
        ["AdvancedAudioDistributionServiceClass_UUID"] = 0x110D,
        ["AVRemoteControlServiceClass_UUID"] = 0x110E,
        ["VideoConferencingServiceClass_UUID"] = 0x110F,
        ["IntercomServiceClass_UUID"] = 0x1110,
        ["FaxServiceClass_UUID"] = 0x1111,
        ["HeadsetAudioGatewayServiceClass_UUID"] = 0x1112,
        ["WAPServiceClass_UUID"] = 0x1113,
        ["WAPClientServiceClass_UUID"] = 0x1114,
        ["PANUServiceClass_UUID"] = 0x1115,
        ["NAPServiceClass_UUID"] = 0x1116,
        ["GNServiceClass_UUID"] = 0x1117,
        ["DirectPrintingServiceClass_UUID"] = 0x1118,
        ["ReferencePrintingServiceClass_UUID"] = 0x1119,
        ["ImagingServiceClass_UUID"] = 0x111A,
        ["ImagingResponderServiceClass_UUID"] = 0x111B,
        ["ImagingAutomaticArchiveServiceClass_UUID"] = 0x111C,
        ["ImagingReferenceObjectsServiceClass_UUID"] = 0x111D,
        ["HandsfreeServiceClass_UUID"] = 0x111E,
        ["HandsfreeAudioGatewayServiceClass_UUID"] = 0x111F,
        ["DirectPrintingReferenceObjectsServiceClass_UUID"] = 0x1120,
        ["ReflectedUIServiceClass_UUID"] = 0x1121,
        ["BasicPringingServiceClass_UUID"] = 0x1122,
        ["PrintingStatusServiceClass_UUID"] = 0x1123,
        ["HumanInterfaceDeviceServiceClass_UUID"] = 0x1124,
        ["HardcopyCableReplacementServiceClass_UUID"] = 0x1125,
        ["HCRPrintServiceClass_UUID"] = 0x1126,
        ["HCRScanServiceClass_UUID"] = 0x1127,
        ["CommonISDNAccessServiceClass_UUID"] = 0x1128,
        ["VideoConferencingGWServiceClass_UUID"] = 0x1129,
        ["UDIMTServiceClass_UUID"] = 0x112A,
        ["UDITAServiceClass_UUID"] = 0x112B,
        ["AudioVideoServiceClass_UUID"] = 0x112C,
        ["PnPInformationServiceClass_UUID"] = 0x1200,
        ["GenericNetworkingServiceClass_UUID"] = 0x1201,
        ["GenericFileTransferServiceClass_UUID"] = 0x1202,
        ["GenericAudioServiceClass_UUID"] = 0x1203,
        ["GenericTelephonyServiceClass_UUID"] = 0x1204,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when the service is an RFCOMM channel number rather than a service class.</summary>
    public bool IsChannel => Channel != 0;

    /// <summary>A 16- or 32-bit Bluetooth SIG value on the base UUID.</summary>
    public static Guid FromShort(uint value)
    {
        Span<byte> bytes = BaseUuid.ToByteArray(bigEndian: true);
        bytes[0] = (byte)(value >> 24);
        bytes[1] = (byte)(value >> 16);
        bytes[2] = (byte)(value >> 8);
        bytes[3] = (byte)value;
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>
    /// Resolves a service string: a known name (case-insensitive), a GUID in any standard text form, a short form
    /// <c>0x1101</c> / <c>1101</c> (4 or 8 hexadecimal digits, on the base UUID), or a decimal RFCOMM channel 1–30.
    /// </summary>
    /// <exception cref="WLSocketException"><see cref="WLSocketError.InvalidArgument"/>: "unknown Bluetooth service".</exception>
    public static BluetoothService Resolve(string? service)
    {
        string s = (service ?? "").Trim();
        if (KnownNames.TryGetValue(s, out ushort known))
        {
            return new BluetoothService(FromShort(known), 0);
        }

        if (Guid.TryParse(s, out Guid guid))
        {
            return new BluetoothService(guid, 0);
        }

        string hex = s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? s[2..] : s;
        bool prefixed = hex.Length != s.Length;
        if (!prefixed && s.Length is 1 or 2 && s.All(char.IsAsciiDigit))
        {
            int channel = int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
            if (channel is >= 1 and <= 30)
            {
                return new BluetoothService(Guid.Empty, channel);
            }
        }
        else if (hex.Length is 4 or 8 && hex.All(char.IsAsciiHexDigit))
        {
            return new BluetoothService(FromShort(uint.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)), 0);
        }

        string why = s.Equals("ActiveSyncClass_UUID", StringComparison.OrdinalIgnoreCase)
            ? " ActiveSyncClass_UUID has no Bluetooth SIG value, so its GUID is not known: give the GUID itself."
            : "";
        throw new WLSocketException(WLSocketError.InvalidArgument,
            $"Unknown Bluetooth service '{service}'.{why} Give a known service name such as SerialPortServiceClass_UUID, a GUID (00001101-0000-1000-8000-00805F9B34FB), a 16-bit short form (0x1101), or an RFCOMM channel number 1 to 30.");
    }

    /// <inheritdoc/>
    public override string ToString() => IsChannel ? $"RFCOMM channel {Channel}" : ServiceClass.ToString("D").ToUpperInvariant();
}
