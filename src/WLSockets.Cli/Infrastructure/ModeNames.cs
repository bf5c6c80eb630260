namespace WLSockets.Cli.Infrastructure;

/// <summary>The <c>--mode</c> names and the WinDev transmission modes they stand for.</summary>
internal static class ModeNames
{
    public const string Length = "length";
    public const string EndTag = "endtag";
    public const string EndTagBuffer = "endtag-buffer";
    public const string Raw = "raw";

    /// <summary>The names shown in help, in this order.</summary>
    public static IReadOnlyList<string> All { get; } = [Length, EndTag, EndTagBuffer, Raw];

    /// <summary>
    /// Accepts the wlsock names, the WinDev constants (French and English, with or without accents), the .NET enum
    /// names and WinDev's numeric values 0 to 3, case-insensitively.
    /// </summary>
    public static bool TryParse(string text, out TransmissionMode mode)
    {
        (bool found, mode) = text.Trim().ToUpperInvariant() switch
        {
            "LENGTH" or "SIZE" or "SIZEPREFIXED" or "SOCKETTAILLEDÉBUT" or "SOCKETTAILLEDEBUT" or "1" => (true, TransmissionMode.SizePrefixed),
            "ENDTAG" or "SOCKETMARQUEURFIN" or "SOCKETENDTAG" or "0" => (true, TransmissionMode.EndTag),
            "ENDTAG-BUFFER" or "ENDTAGBUFFER" or "SOCKETMARQUEURFINBUFFER" or "SOCKETENDTAGBUFFER" or "2" => (true, TransmissionMode.EndTagBuffer),
            "RAW" or "NOENDTAG" or "SOCKETSANSMARQUEURFIN" or "SOCKETNOENDTAG" or "3" => (true, TransmissionMode.NoEndTag),
            _ => (false, TransmissionMode.SizePrefixed),
        };
        return found;
    }

    /// <summary>The wlsock name of a mode.</summary>
    public static string ToName(TransmissionMode mode) => mode switch
    {
        TransmissionMode.SizePrefixed => Length,
        TransmissionMode.EndTag => EndTag,
        TransmissionMode.EndTagBuffer => EndTagBuffer,
        TransmissionMode.NoEndTag => Raw,
        _ => mode.ToString(),
    };

    /// <summary>True for the two modes that use an end marker.</summary>
    public static bool UsesMarker(TransmissionMode mode) => mode is TransmissionMode.EndTag or TransmissionMode.EndTagBuffer;
}
