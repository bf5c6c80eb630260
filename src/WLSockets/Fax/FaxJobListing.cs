using System.Globalization;

namespace WLSockets.Fax;

/// <summary>
/// The job format this client sets with <c>JOBFMT</c> and the exact parser of the lines it produces: fields separated
/// by a tab (which a dial string, an owner or a status never contains), the free-text status last.
/// </summary>
internal static class FaxJobListing
{
    /// <summary>%j id, %a state, %e number, %p pages sent, %y total pages, %t tries, %u max tries, %o owner, %J tag, %s status.</summary>
    public const string JobFormat = "%j\t%a\t%e\t%p\t%y\t%t\t%u\t%o\t%J\t%s";

    private const int FieldCount = 10;

    public static FaxJob Parse(string line, bool doneQueue)
    {
        string[] fields = line.Split('\t', FieldCount);
        if (fields.Length != FieldCount || !TryNumber(fields[0], out int id) || fields[1].Trim().Length != 1
            || !TryNumber(fields[3], out int sent) || !TryNumber(fields[4], out int total) || !TryNumber(fields[5], out int tries) || !TryNumber(fields[6], out int maxTries))
        {
            throw new WLSocketException(WLSocketError.FaxProtocolViolation,
                $"The fax server listed a job as '{FaxReplyParser.Printable(line)}', which does not follow the JOBFMT this client set. Check that the server is HylaFAX (hfaxd).");
        }

        return new FaxJob(id, StateOf(fields[1].Trim()[0]), fields[2].Trim(), sent, total, tries, maxTries, fields[7].Trim(), fields[8], fields[9].Trim(), doneQueue);
    }

    public static FaxJobState StateOf(char symbol) => symbol switch
    {
        'T' => FaxJobState.Suspended,
        'P' => FaxJobState.Pending,
        'S' => FaxJobState.Sleeping,
        'B' => FaxJobState.Blocked,
        'W' => FaxJobState.Waiting,
        'R' => FaxJobState.Running,
        'D' => FaxJobState.Done,
        'F' => FaxJobState.Failed,
        _ => FaxJobState.Unknown,
    };

    private static bool TryNumber(string text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
