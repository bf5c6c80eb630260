using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace WLSockets.Cli.Infrastructure;

/// <summary>The standard help, followed by the extra sections (modes, markers, examples ...) of the command asked about.</summary>
internal sealed class HelpWithSectionsAction(HelpAction inner, IReadOnlyDictionary<Command, string[]> sections) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        int exitCode = inner.Invoke(parseResult);
        if (sections.TryGetValue(parseResult.CommandResult.Command, out string[]? extra))
        {
            TextWriter output = parseResult.InvocationConfiguration.Output;
            foreach (string section in extra)
            {
                output.WriteLine(section.TrimEnd());
                output.WriteLine();
            }

            output.Flush();
        }

        return exitCode;
    }
}
