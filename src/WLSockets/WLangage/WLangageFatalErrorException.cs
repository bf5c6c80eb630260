namespace WLSockets.WLangage;

/// <summary>
/// Thrown by a facade function only when <see cref="WLangageSettings.StrictErrors"/> is on, in the cases WinDev treats
/// as fatal (the equivalent of a WLangage error caught by <c>QUAND EXCEPTION</c>).
/// </summary>
public sealed class WLangageFatalErrorException : Exception
{
    /// <summary>Creates the exception for a failing function.</summary>
    public WLangageFatalErrorException(string function, WLSocketException inner)
        : base($"{function}: {inner?.Message}", inner)
    {
        Function = function;
    }

    /// <inheritdoc cref="Exception()"/>
    public WLangageFatalErrorException() : base("WLangage fatal error.") => Function = "";

    /// <inheritdoc cref="Exception(string)"/>
    public WLangageFatalErrorException(string message) : base(message) => Function = "";

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public WLangageFatalErrorException(string message, Exception innerException) : base(message, innerException) => Function = "";

    /// <summary>The WLangage function that failed.</summary>
    public string Function { get; }
}
