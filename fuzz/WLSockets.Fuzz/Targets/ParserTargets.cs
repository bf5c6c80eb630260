namespace WLSockets.Fuzz.Targets;

/// <summary>Every parser under test, by name. Add a line here for a new parser.</summary>
internal static class ParserTargets
{
    public static IReadOnlyList<ParserTarget> All { get; } =
    [
        new WinDevFramingTarget(),
        new LengthPrefixHeaderTarget(),
        new EndMarkerTarget(),
        new Socks5ReplyTarget(),
        new BluetoothAddressTarget(),
        new WebSocketAddressTarget(),
    ];

    public static ParserTarget? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
}
