using System.CommandLine;

namespace WLSockets.Cli.Infrastructure;

/// <summary>Checks between options that the parser cannot express (this one needs that one, these two exclude each other).</summary>
internal static class OptionChecks
{
    /// <summary>True when <paramref name="option"/> was typed on the command line (not just defaulted).</summary>
    public static bool Given(ParseResult parseResult, Option option) => parseResult.GetResult(option) is { Implicit: false };

    /// <summary>Fails when an option of <paramref name="dependents"/> was given without <paramref name="required"/>.</summary>
    /// <exception cref="UsageException">One was.</exception>
    public static void Requires(ParseResult parseResult, Option required, string why, params Option[] dependents)
    {
        if (Given(parseResult, required))
        {
            return;
        }

        foreach (Option dependent in dependents)
        {
            if (Given(parseResult, dependent))
            {
                throw new UsageException($"{dependent.Name} needs {required.Name}: {why}");
            }
        }
    }

    /// <summary>Fails when two of <paramref name="options"/> were given.</summary>
    /// <exception cref="UsageException">Two were.</exception>
    public static void Exclusive(ParseResult parseResult, string why, params Option[] options)
    {
        Option[] given = [.. options.Where(o => Given(parseResult, o))];
        if (given.Length > 1)
        {
            throw new UsageException($"{given[0].Name} and {given[1].Name} cannot be used together: {why}");
        }
    }
}
