using System.Net.Sockets;

namespace WLSockets;

/// <summary>
/// The one exception type thrown by the WLSockets async core for network and protocol failures.
/// </summary>
/// <remarks>
/// <para>Switch on <see cref="Error"/>; the message says what happened and what to do.
/// <see cref="SocketErrorCode"/> keeps the operating-system error when there was one, and
/// <see cref="Exception.InnerException"/> the original exception.</para>
/// <para>Misuse (a null argument, a disposed object, an invalid enum value) throws the standard
/// <see cref="ArgumentException"/> / <see cref="ObjectDisposedException"/> family, and cancellation through a
/// <see cref="CancellationToken"/> throws <see cref="OperationCanceledException"/>, as everywhere in .NET.</para>
/// </remarks>
public sealed class WLSocketException : IOException
{
    /// <summary>Creates an exception with an error kind and a message.</summary>
    public WLSocketException(WLSocketError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
        HResult = (int)error;
    }

    /// <summary>What went wrong. Its numeric value is the WLangage <c>ErreurInfo(errCode)</c>.</summary>
    public WLSocketError Error { get; }

    /// <summary>The operating-system socket error behind this failure, if any.</summary>
    public SocketError? SocketErrorCode { get; init; }

    /// <inheritdoc cref="Exception()"/>
    public WLSocketException() : this(WLSocketError.NetworkError, "Socket failure.") { }

    /// <inheritdoc cref="Exception(string)"/>
    public WLSocketException(string message) : this(WLSocketError.NetworkError, message) { }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public WLSocketException(string message, Exception innerException) : this(WLSocketError.NetworkError, message, innerException) { }
}
