using static WLSockets.WLangage.Functions;
using static WLSockets.WLangage.WLangageExtensions;

namespace WLSockets.Cli.Demo.Cases;

/// <summary>
/// Bluetooth RFCOMM and infrared availability, as WLangageExtensions.BluetoothAvailable / InfraredAvailable report it.
/// No radio traffic: where a transport is missing, the case passes only if the library said so cleanly (False,
/// error 190050 NotSupported with a reason, no exception); where it is present, a real peer would be needed.
/// </summary>
internal sealed class BluetoothInfraredCase : IDemoCase
{
    private const int NotSupported = (int)WLSocketError.NotSupported;

    public string Name => "bluetooth-infrared";

    public string Title => "Bluetooth RFCOMM and infrared availability (BluetoothAvailable, InfraredAvailable): no radio needed";

    public Task RunAsync(DemoContext context) =>
        context.WithinAsync(Task.Factory.StartNew(() => Run(context), context.CancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default), "the availability checks");

    private static void Run(DemoContext context)
    {
        Check(context, "bt", "Bluetooth RFCOMM", "AF_BLUETOOTH / AF_BTH", BluetoothAvailable, "wlsock bt listen 3 on one machine, wlsock bt send 3 MAC on another");
        Check(context, "ir", "infrared (IrDA)", "AF_IRDA", InfraredAvailable, "wlsock ir listen NAME and wlsock ir send NAME on two machines in range");
    }

    private static void Check(DemoContext context, string label, string transport, string family, Func<bool> available, string howToTry)
    {
        bool present = available();
        if (present)
        {
            DemoContext.Expect(!ErrorOccurred, $"{transport}: available, yet an error is reported: {ErrorInfo()}");
            context.Say(label, $"{transport}: available ({family}); an exchange needs a radio peer: {howToTry}");
            return;
        }

        int code = ErrorInfo(errCode).ToInt32();
        string reason = ErrorInfo(errMessage);
        context.Say(label, $"{transport}: unavailable here ({family}). The library says: {reason}");
        DemoContext.Expect(ErrorOccurred && code == NotSupported && reason.Length > 0,
            $"{transport}: the absence was not reported as error {NotSupported} (NotSupported) with a reason: code {code}, \"{reason}\"");
    }
}
