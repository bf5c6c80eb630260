using WLSockets.Transports.Bluetooth;
using WLSockets.Transports.Infrared;
using WLSockets.WLangage;
using static WLSockets.Tests.WLangage.FacadeTestSupport;

namespace WLSockets.Tests.Bluetooth;

/// <summary>
/// Bluetooth and infrared through the facades, on whatever this machine has: detected, never assumed. Where the
/// kernel lacks the address family, every function fails with error 190050 naming it; where it has it, the tests
/// that need the real stack run.
/// </summary>
public class UnavailableHereTests
{
    private static bool BluetoothHere => RfcommSockets.IsAvailable(out _);

    private static void SkipIfBluetoothHere()
    {
        if (BluetoothHere)
        {
            Assert.Skip("AF_BLUETOOTH is available here, so the 'not available' failure cannot be observed.");
        }
    }

    private static void AssertNotSupported(string family)
    {
        Assert.True(Fonctions.ErreurDétectée);
        Assert.Equal((int)WLSocketError.NotSupported, (int)Fonctions.ErreurInfo(Fonctions.errCode));
        Assert.Contains(family, (string)Fonctions.ErreurInfo(Fonctions.errMessage), StringComparison.Ordinal);
    }

    [Fact]
    public void SocketCreeBluetooth_fails_naming_AF_BLUETOOTH()
    {
        SkipIfBluetoothHere();
        string name = UniqueName("bt-server");
        Assert.False(Fonctions.SocketCréeBluetooth(name, "SerialPortServiceClass_UUID", "WLSockets test"));
        AssertNotSupported(OperatingSystem.IsWindows() ? "AF_BTH" : "AF_BLUETOOTH");
        Assert.Equal("SocketCréeBluetooth", (string)Fonctions.ErreurInfo(Fonctions.errPendant));
        Assert.False(Fonctions.SocketExiste(name));
    }

    [Fact]
    public void SocketConnecteBluetooth_fails_naming_AF_BLUETOOTH()
    {
        SkipIfBluetoothHere();
        Assert.False(Fonctions.SocketConnecteBluetooth(UniqueName("bt-client"), "1", "00:1A:7D:DA:71:13"));
        AssertNotSupported(OperatingSystem.IsWindows() ? "AF_BTH" : "AF_BLUETOOTH");
    }

    [Fact]
    public void English_twins_fail_the_same_way()
    {
        SkipIfBluetoothHere();
        Assert.False(Functions.SocketCreateBluetooth(UniqueName("bt-server"), "5"));
        Assert.Equal((int)WLSocketError.NotSupported, (int)Functions.ErrorInfo(Functions.errCode));
        Assert.Equal("SocketCreateBluetooth", (string)Functions.ErrorInfo(Functions.errPendant));
        Assert.False(Functions.SocketConnectBluetooth(UniqueName("bt-client"), "5", "001A7DDA7113", TimeSpan.FromSeconds(1)));
        Assert.Equal((int)WLSocketError.NotSupported, (int)Functions.ErrorInfo(Functions.errCode));
    }

    [Fact]
    public void BluetoothAvailable_tells_why_not()
    {
        SkipIfBluetoothHere();
        Assert.False(WLangageExtensions.BluetoothAvailable());
        AssertNotSupported(OperatingSystem.IsWindows() ? "AF_BTH" : "AF_BLUETOOTH");
    }

    [Fact]
    public void Bad_arguments_are_reported_before_availability()
    {
        Assert.False(Fonctions.SocketConnecteBluetooth(UniqueName("bt"), "SerialPortServiceClass_UUID", "00:1A:7D"));
        Assert.Equal((int)WLSocketError.InvalidArgument, (int)Fonctions.ErreurInfo(Fonctions.errCode));
        Assert.Contains("XX:XX:XX:XX:XX:XX", (string)Fonctions.ErreurInfo(Fonctions.errMessage), StringComparison.Ordinal);

        Assert.False(Fonctions.SocketCréeBluetooth(UniqueName("bt"), "ActiveSyncClass_UUID"));
        Assert.Equal((int)WLSocketError.InvalidArgument, (int)Fonctions.ErreurInfo(Fonctions.errCode));
        Assert.Contains("Unknown Bluetooth service", (string)Fonctions.ErreurInfo(Fonctions.errMessage), StringComparison.Ordinal);
    }

    [Fact]
    public void Infrared_functions_fail_naming_AF_IRDA()
    {
        if (IrdaSockets.IsAvailable(out _))
        {
            Assert.Skip("AF_IRDA is available here, so the 'not available' failure cannot be observed.");
        }

        Assert.False(Fonctions.SocketCréeInfraRouge(UniqueName("ir-server"), "Service"));
        AssertNotSupported("AF_IRDA");
        if (OperatingSystem.IsLinux())
        {
            Assert.Contains("4.17", (string)Fonctions.ErreurInfo(Fonctions.errMessage), StringComparison.Ordinal);
        }

        Assert.False(Fonctions.SocketConnecteInfraRouge(UniqueName("ir-client"), "Service"));
        AssertNotSupported("AF_IRDA");
        Assert.False(Functions.SocketCreateInfrared(UniqueName("ir-server"), "Service"));
        Assert.Equal((int)WLSocketError.NotSupported, (int)Functions.ErrorInfo(Functions.errCode));
        Assert.False(Functions.SocketConnectInfrared(UniqueName("ir-client"), "Service"));
        Assert.Equal((int)WLSocketError.NotSupported, (int)Functions.ErrorInfo(Functions.errCode));
        Assert.False(WLangageExtensions.InfraredAvailable());
        AssertNotSupported("AF_IRDA");
    }

    [Fact]
    public void A_bad_infrared_service_name_is_an_argument_error()
    {
        Assert.False(Fonctions.SocketConnecteInfraRouge(UniqueName("ir"), new string('x', 25)));
        Assert.Equal((int)WLSocketError.InvalidArgument, (int)Fonctions.ErreurInfo(Fonctions.errCode));
    }

    [Fact]
    public void A_real_rfcomm_server_listens_on_a_channel()
    {
        if (!RfcommSockets.IsAvailable(out string reason))
        {
            Assert.Skip($"Needs the kernel's AF_BLUETOOTH RFCOMM sockets, missing here: {reason}");
        }

        string name = UniqueName("bt-server");
        Assert.True(Fonctions.SocketCréeBluetooth(name, "SerialPortServiceClass_UUID"), Fonctions.ErreurInfo());
        try
        {
            int channel = WLangageExtensions.SocketLocalPort(name);
            Assert.InRange(channel, 1, 30);
            Assert.False(Fonctions.SocketAttendConnexion(name, 50));
        }
        finally
        {
            Fonctions.SocketFerme(name);
        }
    }

    [Fact]
    public void A_real_rfcomm_connect_to_an_absent_device_fails_within_the_budget()
    {
        if (!RfcommSockets.IsAvailable(out string reason))
        {
            Assert.Skip($"Needs the kernel's AF_BLUETOOTH RFCOMM sockets, missing here: {reason}");
        }

        // A locally administered address no device uses: the failure (no adapter, host down, timeout) must come back
        // as False within the budget plus a margin, never hang.
        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(Fonctions.SocketConnecteBluetooth(UniqueName("bt-client"), "1", "02:00:00:00:00:01", 2000));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");
        Assert.NotEqual(0, (int)Fonctions.ErreurInfo(Fonctions.errCode));
    }
}
