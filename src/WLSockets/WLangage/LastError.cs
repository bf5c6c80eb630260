using System.Net.Sockets;

namespace WLSockets.WLangage;

/// <summary>
/// WLangage's error model: each thread has its own last error, cleared at the start of every facade call and filled
/// when that call fails (<c>ErreurDétectée</c>, <c>ErreurInfo</c>).
/// </summary>
internal static class LastError
{
    [ThreadStatic]
    private static ErrorRecord? t_last;

    public static bool Occurred => t_last is not null;

    public static ErrorRecord? Current => t_last;

    public static void Clear() => t_last = null;

    public static void Set(string function, WLSocketException exception)
    {
        SocketException? system = FindSocketException(exception);
        SocketError? error = system?.SocketErrorCode ?? exception.SocketErrorCode;
        int systemCode = error is { } code and not SocketError.Success ? (int)code : 0;
        string systemMessage = system?.Message ?? error?.ToString() ?? "";
        t_last = new ErrorRecord(exception.Error, exception.Message, systemCode, systemMessage, function, DateTime.Now);
    }

    public static ErrorInfoValue Info(int type) => t_last?.Get(type) ?? ErrorInfoValue.Empty;

    private static SocketException? FindSocketException(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is SocketException socketException)
            {
                return socketException;
            }
        }

        return null;
    }
}
