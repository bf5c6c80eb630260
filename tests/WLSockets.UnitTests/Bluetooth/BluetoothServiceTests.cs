using WLSockets.Transports.Bluetooth;

namespace WLSockets.UnitTests.Bluetooth;

/// <summary>The &lt;Service&gt; parameter (transports.md §6.3, open question B1).</summary>
public class BluetoothServiceTests
{
    /// <summary>The 52 names of §6.3 with a Bluetooth SIG value, copied from the spec table (not from the code).</summary>
    public static TheoryData<string, int> SpecNames => new()
    {
        { "ServiceDiscoveryServerServiceClassID_UUID", 0x1000 }, { "BrowseGroupDescriptorServiceClassID_UUID", 0x1001 },
        { "PublicBrowseGroupServiceClass_UUID", 0x1002 }, { "SerialPortServiceClass_UUID", 0x1101 },
        { "LANAccessUsingPPPServiceClass_UUID", 0x1102 }, { "DialupNetworkingServiceClass_UUID", 0x1103 },
        { "IrMCSyncServiceClass_UUID", 0x1104 }, { "OBEXObjectPushServiceClass_UUID", 0x1105 },
        { "OBEXFileTransferServiceClass_UUID", 0x1106 }, { "IrMCSyncCommandServiceClass_UUID", 0x1107 },
        { "HeadsetServiceClass_UUID", 0x1108 }, { "CordlessTelephonyServiceClass_UUID", 0x1109 },
        { "AudioSourceServiceClass_UUID", 0x110A }, { "AudioSinkServiceClass_UUID", 0x110B },
        { "AVRemoteControlTargetServiceClass_UUID", 0x110C }, { "AdvancedAudioDistributionServiceClass_UUID", 0x110D },
        { "AVRemoteControlServiceClass_UUID", 0x110E }, { "VideoConferencingServiceClass_UUID", 0x110F },
        { "IntercomServiceClass_UUID", 0x1110 }, { "FaxServiceClass_UUID", 0x1111 },
        { "HeadsetAudioGatewayServiceClass_UUID", 0x1112 }, { "WAPServiceClass_UUID", 0x1113 },
        { "WAPClientServiceClass_UUID", 0x1114 }, { "PANUServiceClass_UUID", 0x1115 },
        { "NAPServiceClass_UUID", 0x1116 }, { "GNServiceClass_UUID", 0x1117 },
        { "DirectPrintingServiceClass_UUID", 0x1118 }, { "ReferencePrintingServiceClass_UUID", 0x1119 },
        { "ImagingServiceClass_UUID", 0x111A }, { "ImagingResponderServiceClass_UUID", 0x111B },
        { "ImagingAutomaticArchiveServiceClass_UUID", 0x111C }, { "ImagingReferenceObjectsServiceClass_UUID", 0x111D },
        { "HandsfreeServiceClass_UUID", 0x111E }, { "HandsfreeAudioGatewayServiceClass_UUID", 0x111F },
        { "DirectPrintingReferenceObjectsServiceClass_UUID", 0x1120 }, { "ReflectedUIServiceClass_UUID", 0x1121 },
        { "BasicPringingServiceClass_UUID", 0x1122 }, { "PrintingStatusServiceClass_UUID", 0x1123 },
        { "HumanInterfaceDeviceServiceClass_UUID", 0x1124 }, { "HardcopyCableReplacementServiceClass_UUID", 0x1125 },
        { "HCRPrintServiceClass_UUID", 0x1126 }, { "HCRScanServiceClass_UUID", 0x1127 },
        { "CommonISDNAccessServiceClass_UUID", 0x1128 }, { "VideoConferencingGWServiceClass_UUID", 0x1129 },
        { "UDIMTServiceClass_UUID", 0x112A }, { "UDITAServiceClass_UUID", 0x112B },
        { "AudioVideoServiceClass_UUID", 0x112C }, { "PnPInformationServiceClass_UUID", 0x1200 },
        { "GenericNetworkingServiceClass_UUID", 0x1201 }, { "GenericFileTransferServiceClass_UUID", 0x1202 },
        { "GenericAudioServiceClass_UUID", 0x1203 }, { "GenericTelephonyServiceClass_UUID", 0x1204 },
    };

    [Theory]
    [MemberData(nameof(SpecNames))]
    public void Every_known_name_maps_to_the_base_uuid(string name, int value)
    {
        var expected = new Guid($"0000{value:X4}-0000-1000-8000-00805F9B34FB");
        Assert.Equal(new BluetoothService(expected, 0), BluetoothService.Resolve(name));
        Assert.Equal(new BluetoothService(expected, 0), BluetoothService.Resolve(name.ToUpperInvariant()));
        Assert.Equal(new BluetoothService(expected, 0), BluetoothService.Resolve(name.ToLowerInvariant()));
    }

    [Fact]
    public void The_table_holds_exactly_the_spec_names()
    {
        Assert.Equal(SpecNames.Select(row => row.Data.Item1).Order(StringComparer.Ordinal),
            BluetoothService.KnownNames.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(52, BluetoothService.KnownNames.Count); // the 53rd name, ActiveSyncClass_UUID, has no SIG value
    }

    [Fact]
    public void Serial_port_is_spp()
    {
        Assert.Equal(new Guid("00001101-0000-1000-8000-00805F9B34FB"), BluetoothService.Resolve("SerialPortServiceClass_UUID").ServiceClass);
    }

    [Fact]
    public void ActiveSync_is_an_unknown_service_that_says_why()
    {
        var ex = Assert.Throws<WLSocketException>(() => BluetoothService.Resolve("ActiveSyncClass_UUID"));
        Assert.Equal(WLSocketError.InvalidArgument, ex.Error);
        Assert.Contains("Unknown Bluetooth service", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no Bluetooth SIG value", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00001101-0000-1000-8000-00805F9B34FB")]
    [InlineData("00001101-0000-1000-8000-00805f9b34fb")]
    [InlineData("{00001101-0000-1000-8000-00805F9B34FB}")]
    [InlineData("(00001101-0000-1000-8000-00805F9B34FB)")]
    [InlineData("0000110100001000800000805F9B34FB")]
    [InlineData("{0x00001101,0x0000,0x1000,{0x80,0x00,0x00,0x80,0x5F,0x9B,0x34,0xFB}}")]
    [InlineData("0x1101")]
    [InlineData("0X1101")]
    [InlineData("1101")]
    [InlineData("0x00001101")]
    [InlineData("00001101")]
    public void Guid_and_short_forms(string text)
    {
        Assert.Equal(new BluetoothService(new Guid("00001101-0000-1000-8000-00805F9B34FB"), 0), BluetoothService.Resolve(text));
    }

    [Fact]
    public void A_custom_guid_is_kept_as_is()
    {
        var guid = new Guid("8CE255C0-200A-11E0-AC64-0800200C9A66");
        Assert.Equal(guid, BluetoothService.Resolve(guid.ToString()).ServiceClass);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("5", 5)]
    [InlineData("30", 30)]
    [InlineData("09", 9)]
    public void Decimal_numbers_1_to_30_are_rfcomm_channels(string text, int channel)
    {
        BluetoothService service = BluetoothService.Resolve(text);
        Assert.True(service.IsChannel);
        Assert.Equal(channel, service.Channel);
        Assert.Equal(Guid.Empty, service.ServiceClass);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("0")]
    [InlineData("31")]
    [InlineData("99")]
    [InlineData("-1")]
    [InlineData("0x110")]
    [InlineData("11011")]
    [InlineData("SerialPort")]
    [InlineData("SerialPortServiceClass")]
    [InlineData("NotAService_UUID")]
    public void Other_strings_are_unknown_services(string? text)
    {
        var ex = Assert.Throws<WLSocketException>(() => BluetoothService.Resolve(text));
        Assert.Equal(WLSocketError.InvalidArgument, ex.Error);
        Assert.StartsWith("Unknown Bluetooth service", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1 to 30", ex.Message, StringComparison.Ordinal);
    }
}
