using System.Text;
using WLSockets.Transports.Bluetooth;

namespace WLSockets.Fuzz.Targets;

/// <summary>
/// The Bluetooth device address (<c>XX:XX:XX:XX:XX:XX</c>) and service (name, GUID, short UUID, RFCOMM channel) parsers
/// on the input as UTF-8 text. Invariants: an accepted address prints back to a text that parses to the same address;
/// a refused one is <see cref="WLSocketError.InvalidArgument"/> naming the accepted forms; a service is a channel 1–30 or
/// a service class, never both.
/// </summary>
internal sealed class BluetoothAddressTarget : ParserTarget
{
    public override string Name => "bluetooth-address";

    public override IReadOnlyList<byte[]> Seeds { get; } =
    [
        "00:1A:7D:DA:71:13"u8.ToArray(), "00-1a-7d-da-71-13"u8.ToArray(), "001A7DDA7113"u8.ToArray(), "00:1A-7D:DA:71:13"u8.ToArray(),
        "1"u8.ToArray(), "30"u8.ToArray(), "31"u8.ToArray(), "0x1101"u8.ToArray(), "1101"u8.ToArray(), "00001101"u8.ToArray(),
        "SerialPortServiceClass_UUID"u8.ToArray(), "00001101-0000-1000-8000-00805F9B34FB"u8.ToArray(), "{00001101-0000-1000-8000-00805F9B34FB}"u8.ToArray(),
        "ActiveSyncClass_UUID"u8.ToArray(),
    ];

    public override void Run(ReadOnlySpan<byte> input)
    {
        string text = Encoding.UTF8.GetString(input);
        if (BluetoothAddress.TryParse(text, out BluetoothAddress address))
        {
            Check(address.Value <= 0xFFFF_FFFF_FFFFUL, "An address above 48 bits.");
            Check(BluetoothAddress.TryParse(address.ToString(), out BluetoothAddress again) && again == address, $"'{address}' does not parse back to itself.");
        }
        else
        {
            try
            {
                BluetoothAddress.Parse(text);
                Check(false, "Parse accepted what TryParse refused.");
            }
            catch (WLSocketException ex)
            {
                ExpectDocumented(ex, 1000 + (3 * text.Length), WLSocketError.InvalidArgument);
            }
        }

        try
        {
            BluetoothService service = BluetoothService.Resolve(text);
            Check(service.IsChannel ? service.Channel is >= 1 and <= 30 && service.ServiceClass == Guid.Empty : service.Channel == 0,
                $"Service '{text}' resolved to {service}.");
        }
        catch (WLSocketException ex)
        {
            ExpectDocumented(ex, 1000 + (3 * text.Length), WLSocketError.InvalidArgument);
        }
    }
}
