using WLSockets.Text;
using System.Threading.Channels;
using WLSockets.Cli.Infrastructure;
using WLSockets.Messenger;

namespace WLSockets.Cli.Commands;

/// <summary>
/// <c>wlsock messenger</c> when stdin is not a terminal: one command or message per input line; every event one line on
/// stdout (<c>NAME : text</c> for a message received, <c>* ...</c> for a notification), problems on stderr.
/// </summary>
internal sealed class MessengerLineMode(CliConsole console) : IMessengerView
{
    /// <summary>The line formats, for the help.</summary>
    public const string Output = """
        LINE MODE (stdin is not a terminal): commands and messages are read one per line; stdout gets one line per event:
          NAME : text                a message from NAME (the name from your own address book, as WinDev shows it)
          * online NAME / * offline NAME        presence changes (scan at start, every 60 s, and /scan)
          * open NAME [(incoming)]   a conversation opened (it becomes the current one when none was)
          * end NAME (peer|local|lost)          ended by DEMANDE_ARRET from NAME, by you, or the connection dropped
          * refused ADDR (unknown) / * refused NAME (NON_DISPO)   requests this side turned down
          * not available NAME / * no answer NAME / * unreachable NAME: why   answers to /chat
          * contact NAME ADDRESS online|offline|chatting          /contacts
        Problems (unknown contact, nothing to send to) are "wlsock: warning: ..." lines on stderr.
        """;

    public async Task<int> RunAsync(MessengerSession session, Channel<object?> inbox, CancellationToken cancellationToken)
    {
        _ = Task.Run(() => ReadInputAsync(inbox.Writer, cancellationToken), CancellationToken.None);
        await RunLoopAsync(session, inbox.Reader, cancellationToken);
        return ExitCodes.Success;
    }

    /// <summary>Processes input lines and node events in arrival order until /quit, end of input or cancellation.</summary>
    internal async Task RunLoopAsync(MessengerSession session, ChannelReader<object?> inbox, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (object? item in inbox.ReadAllAsync(cancellationToken))
            {
                switch (item)
                {
                    case null:
                        return; // end of input
                    case MessengerEventArgs e:
                        session.Apply(e);
                        break;
                    case string line:
                        if (!await MessengerCommand.ExecuteSafelyAsync(session, line, this, cancellationToken))
                        {
                            return;
                        }

                        break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM: end the conversations and leave.
        }
    }

    public void Message(Contact contact, string text, bool mine)
    {
        if (!mine)
        {
            console.WriteLine($"{contact.Name} : {ByteFormat.EscapeControls(RtfText.ToDisplayText(text))}");
        }
    }

    public void Notice(string text) => console.WriteLine("* " + text);

    public void Problem(string text) => console.ReportWarning(text);

    private static async Task ReadInputAsync(ChannelWriter<object?> inbox, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(Console.OpenStandardInput(), System.Text.Encoding.UTF8);
        try
        {
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                await inbox.WriteAsync(line.TrimEnd('\r'), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (IOException)
        {
            // stdin broke: same as its end.
        }

        await inbox.WriteAsync(null, CancellationToken.None);
    }
}
