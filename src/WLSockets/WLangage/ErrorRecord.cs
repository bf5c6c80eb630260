using System.Globalization;

namespace WLSockets.WLangage;

/// <summary>What the last failing WLangage socket function of a thread reported.</summary>
internal sealed record ErrorRecord(WLSocketError Error, string Message, int SystemCode, string SystemMessage, string Function, DateTime Time)
{
    public ErrorInfoValue Get(int type) => type switch
    {
        ErrorInfoType.Code => new ErrorInfoValue((int)Error),
        ErrorInfoType.Message => new ErrorInfoValue(Message),
        ErrorInfoType.SystemCode => SystemCode == 0 ? ErrorInfoValue.Empty : new ErrorInfoValue(SystemCode),
        ErrorInfoType.SystemMessage => new ErrorInfoValue(SystemMessage),
        ErrorInfoType.Function => new ErrorInfoValue(Function),
        ErrorInfoType.DateTime => new ErrorInfoValue(Time.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture)),
        ErrorInfoType.Summary => new ErrorInfoValue($"{Function}: {Message}"),
        ErrorInfoType.FullDetails => new ErrorInfoValue(string.Join(Environment.NewLine,
            $"Function: {Function}",
            $"Error code: {(int)Error} ({Error})",
            $"Message: {Message}",
            SystemCode == 0 ? "System error: none" : $"System error: {SystemCode} {SystemMessage}",
            $"Time: {Time:O}")),
        _ => ErrorInfoValue.Empty,
    };
}
