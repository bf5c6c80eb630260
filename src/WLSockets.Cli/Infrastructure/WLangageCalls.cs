using WLSockets.WLangage;

namespace WLSockets.Cli.Infrastructure;

/// <summary>
/// Turns a failed WLangage facade call (<see cref="Functions"/>) into the wlsock error model: a bad argument
/// (error 190003, <see cref="WLSocketError.InvalidArgument"/>) is a usage error (exit 2), anything else a runtime
/// failure (exit 1), both with the library's own <c>ErrorInfo</c> message on one line.
/// </summary>
internal static class WLangageCalls
{
    private const int InvalidArgument = (int)WLSocketError.InvalidArgument;

    /// <summary>Returns when <paramref name="succeeded"/>; otherwise throws what <c>ErrorInfo</c> reports.</summary>
    /// <exception cref="UsageException">The library rejected an argument.</exception>
    /// <exception cref="CliFailureException">Any other failure.</exception>
    public static void Check(bool succeeded)
    {
        if (!succeeded)
        {
            throw LastError();
        }
    }

    /// <summary>The exception for the last facade error (<c>ErrorInfo(errCode)</c>, <c>ErrorInfo(errMessage)</c>).</summary>
    public static Exception LastError()
    {
        int code = Functions.ErrorInfo(Functions.errCode).ToInt32();
        string message = Functions.ErrorInfo(Functions.errMessage).ToString();
        if (message.Length == 0)
        {
            message = $"the operation failed (error {code}).";
        }

        return code == InvalidArgument ? new UsageException(message) : new CliFailureException(message);
    }

    /// <summary>The code of the last facade error (0 when none).</summary>
    public static int LastCode() => Functions.ErrorOccurred ? Functions.ErrorInfo(Functions.errCode).ToInt32() : 0;
}
