namespace WLSockets.WLangage;

/// <summary>The kinds of information <c>ErreurInfo</c> / <c>ErrorInfo</c> returns (the <c>err...</c> constants).</summary>
internal static class ErrorInfoType
{
    public const int Code = 1;
    public const int Message = 2;
    public const int SystemCode = 3;
    public const int SystemMessage = 4;
    public const int FullDetails = 5;
    public const int Function = 6;
    public const int DateTime = 7;
    public const int Summary = 8;
}
