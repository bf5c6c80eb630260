using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace WLSockets.Cli.Infrastructure;

/// <summary>Integer arguments and options with range checks and error messages that say what to type.</summary>
internal static class NumberArguments
{
    /// <summary>A TCP port argument: 1 to 65535, and 0 too when <paramref name="allowZero"/>.</summary>
    public static Argument<int> Port(string description, bool allowZero) => new("PORT")
    {
        Description = description,
        CustomParser = result => Parse(result, "PORT", allowZero ? 0 : 1, 65535,
            allowZero ? "Use 1 to 65535, or 0 for any free port." : "Use 1 to 65535."),
    };

    /// <summary>An option taking a whole number from <paramref name="min"/> to <see cref="int.MaxValue"/>.</summary>
    public static Option<int?> AtLeast(string name, string alias, int min, string helpName, string description) => new(name, alias)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result => Parse(result, name, min, int.MaxValue, $"Use a whole number of at least {min}."),
    };

    /// <summary>A TCP port option, 1 to 65535, with a default.</summary>
    public static Option<int> PortOption(string name, int defaultValue, string description) => new(name)
    {
        Description = description,
        HelpName = "PORT",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Parse(result, name, 1, 65535, "Use 1 to 65535."),
    };

    /// <summary><see cref="AtLeast(string, string, int, string, string)"/> without a short alias.</summary>
    public static Option<int?> AtLeast(string name, int min, string helpName, string description) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result => Parse(result, name, min, int.MaxValue, $"Use a whole number of at least {min}."),
    };

    /// <summary>An argument taking a whole number from <paramref name="min"/> to <see cref="int.MaxValue"/>.</summary>
    public static Argument<int> AtLeastArgument(string name, int min, string description) => new(name)
    {
        Description = description,
        CustomParser = result => Parse(result, name, min, int.MaxValue, $"Use a whole number of at least {min}."),
    };

    private static int Parse(ArgumentResult result, string name, int min, int max, string hint)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError($"Invalid value '{text}' for {name}. {hint}");
        return 0;
    }
}
