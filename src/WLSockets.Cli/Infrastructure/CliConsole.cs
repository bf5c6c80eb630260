using System.Text;

namespace WLSockets.Cli.Infrastructure;

/// <summary>
/// Thread-safe line output: every line is written whole and flushed at once, so lines from concurrent clients never
/// interleave and a reading process sees each line as soon as it is printed. Output is UTF-8 without BOM.
/// </summary>
internal sealed class CliConsole
{
    private readonly Lock _outLock = new();
    private readonly Lock _errorLock = new();
    private readonly TextWriter _out;
    private readonly TextWriter _error;

    public CliConsole(TextWriter output, TextWriter error, bool useColor)
    {
        _out = output;
        _error = error;
        UseColor = useColor;
    }

    /// <summary>The process's standard output and error, UTF-8; colours only on a terminal and without NO_COLOR.</summary>
    public static CliConsole CreateStandard()
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var output = new StreamWriter(Console.OpenStandardOutput(), utf8) { AutoFlush = false, NewLine = "\n" };
        var error = new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = false, NewLine = "\n" };
        bool color = !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            && Environment.GetEnvironmentVariable("TERM") is not "dumb";
        return new CliConsole(output, error, color);
    }

    /// <summary>True when ANSI colours may be written to standard output.</summary>
    public bool UseColor { get; }

    /// <summary>Standard output, for whole blocks written by one thread (help text).</summary>
    public TextWriter Out => _out;

    /// <summary>Standard error, for whole blocks written by one thread.</summary>
    public TextWriter Error => _error;

    /// <summary>Writes one line on standard output and flushes.</summary>
    public void WriteLine(string line)
    {
        lock (_outLock)
        {
            _out.Write(line);
            _out.Write('\n');
            _out.Flush();
        }
    }

    /// <summary>Writes one line on standard error and flushes. A closed stderr is ignored: there is nowhere left to report.</summary>
    public void WriteErrorLine(string line)
    {
        lock (_errorLock)
        {
            try
            {
                _error.Write(line);
                _error.Write('\n');
                _error.Flush();
            }
            catch (IOException)
            {
                // stderr closed by the reader: diagnostics cannot be shown, and must not crash the tool.
            }
        }
    }

    /// <summary><c>wlsock: error: ...</c> on one line of standard error.</summary>
    public void ReportError(string message) => WriteErrorLine("wlsock: error: " + OneLine(message));

    /// <summary><c>wlsock: warning: ...</c> on one line of standard error.</summary>
    public void ReportWarning(string message) => WriteErrorLine("wlsock: warning: " + OneLine(message));

    /// <summary>
    /// Prints the "listening on ADDR:PORT" line (always the first on stderr), then warns when the address is every
    /// interface (0.0.0.0 or ::): the server is then reachable from other machines, which a test or a local tool rarely
    /// means. WinDev's default stays the default; the warning says how to stay on this machine.
    /// </summary>
    public void ReportListening(System.Net.IPEndPoint endPoint)
    {
        WriteErrorLine($"listening on {endPoint}");
        if (endPoint.Address.Equals(System.Net.IPAddress.Any) || endPoint.Address.Equals(System.Net.IPAddress.IPv6Any))
        {
            ReportWarning($"listening on every network interface ({endPoint.Address}): other machines can connect to this port. Use --bind 127.0.0.1 (or ::1) to accept connections from this machine only.");
        }
    }

    /// <summary><c>wlsock: ...</c> on one line of standard error (progress notes).</summary>
    public void ReportNote(string message) => WriteErrorLine("wlsock: " + OneLine(message));

    /// <summary>Wraps <paramref name="text"/> in an ANSI colour when colours are on.</summary>
    public string Colorize(string text, ConsoleColor color)
    {
        if (!UseColor)
        {
            return text;
        }

        string code = color switch
        {
            ConsoleColor.Green => "32",
            ConsoleColor.Red => "31",
            ConsoleColor.Yellow => "33",
            ConsoleColor.Cyan => "36",
            _ => "1",
        };
        return $"\u001b[{code}m{text}\u001b[0m";
    }

    /// <summary>Joins the lines of a message so an error is always one line.</summary>
    public static string OneLine(string message) =>
        message.ReplaceLineEndings(" ").Trim();

    /// <summary>Flushes both streams at exit; a reader that went away is not an error any more at that point.</summary>
    public void Flush()
    {
        lock (_outLock)
        {
            try
            {
                _out.Flush();
            }
            catch (IOException)
            {
                // stdout closed (for example '| head -1'): what is left cannot be delivered.
            }
        }

        lock (_errorLock)
        {
            try
            {
                _error.Flush();
            }
            catch (IOException)
            {
                // stderr closed: nothing left to show.
            }
        }
    }
}
