using System.Globalization;

namespace WLSockets.WLangage;

/// <summary>
/// What <c>ErreurInfo</c> / <c>ErrorInfo</c> returns: in WLangage "a string or an integer", here a value that converts
/// to both, so <c>ErreurInfo(errCode) == 100031</c>, <c>string s = ErreurInfo();</c> and
/// <c>WriteLine(ErreurInfo())</c> port as written.
/// </summary>
public readonly struct ErrorInfoValue : IEquatable<ErrorInfoValue>
{
    private readonly string? _text;

    internal ErrorInfoValue(string text) => _text = text;

    internal ErrorInfoValue(int number) => _text = number.ToString(CultureInfo.InvariantCulture);

    /// <summary>No information: the empty string, and 0 as a number.</summary>
    public static ErrorInfoValue Empty => default;

    /// <summary>The information as text ("" when none).</summary>
    public override string ToString() => _text ?? "";

    /// <summary>The information as a number (0 when it is not one).</summary>
    public int ToInt32() => int.TryParse(_text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : 0;

    /// <summary>The information as text.</summary>
    public static implicit operator string(ErrorInfoValue value) => value.ToString();

    /// <summary>
    /// The information as a number (0 when it is not one). Explicit, so that <c>WriteLine(ErreurInfo())</c>
    /// is not ambiguous; comparisons (<c>ErreurInfo(errCode) == 100031</c>) need no cast.
    /// </summary>
    public static explicit operator int(ErrorInfoValue value) => value.ToInt32();

    /// <summary>Compares as a number.</summary>
    public static bool operator ==(ErrorInfoValue left, int right) => left.ToInt32() == right;

    /// <summary>Compares as a number.</summary>
    public static bool operator !=(ErrorInfoValue left, int right) => !(left == right);

    /// <summary>Compares as text (ordinal).</summary>
    public static bool operator ==(ErrorInfoValue left, string? right) => string.Equals(left.ToString(), right ?? "", StringComparison.Ordinal);

    /// <summary>Compares as text (ordinal).</summary>
    public static bool operator !=(ErrorInfoValue left, string? right) => !(left == right);

    /// <summary>Compares as text.</summary>
    public static bool operator ==(ErrorInfoValue left, ErrorInfoValue right) => left.Equals(right);

    /// <summary>Compares as text.</summary>
    public static bool operator !=(ErrorInfoValue left, ErrorInfoValue right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(ErrorInfoValue other) => string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj switch
    {
        ErrorInfoValue other => Equals(other),
        string text => this == text,
        int number => this == number,
        _ => false,
    };

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}
