namespace WLSockets.Fuzz.Targets;

/// <summary>
/// One parser that reads bytes from a peer, as the fuzzer (fuzz/run.sh) and the property tests
/// (tests/WLSockets.PropertyTests) drive it. A new parser is one more subclass and one line in <see cref="ParserTargets"/>.
/// </summary>
/// <remarks>
/// <see cref="Run"/> returns normally for every documented outcome (messages, a <see cref="WLSocketException"/> with a
/// documented <see cref="WLSocketError"/>, a <c>FrameStatus</c>/<c>OperationStatus</c> result) and throws
/// <see cref="UndocumentedOutcomeException"/> when an invariant breaks; any other exception escaping is a finding too.
/// </remarks>
internal abstract class ParserTarget
{
    /// <summary>The name used on the command line and for the corpus folder (<c>fuzz/corpus/&lt;name&gt;/</c>).</summary>
    public abstract string Name { get; }

    /// <summary>Seed inputs written from the spec's byte examples (docs: /work/shared/spec/examples.md, tcp-core.md).</summary>
    public abstract IReadOnlyList<byte[]> Seeds { get; }

    /// <summary>Most bytes one run may allocate for an input of this length (the configured maximum, not the input's claims).</summary>
    public virtual long AllocationBudget(int inputLength) => (16L * inputLength) + (256 * 1024);

    /// <summary>Parses <paramref name="input"/> and checks every invariant of the parser.</summary>
    public abstract void Run(ReadOnlySpan<byte> input);

    /// <summary>Throws unless <paramref name="error"/> is one of the <paramref name="documented"/> errors, with a message.</summary>
    protected static void ExpectDocumented(WLSocketException error, params WLSocketError[] documented) => ExpectDocumented(error, 2000, documented);

    /// <summary>As above, for a parser that may quote its (local, caller-given) input: the message may be that much longer.</summary>
    protected static void ExpectDocumented(WLSocketException error, int maxMessageLength, params WLSocketError[] documented)
    {
        if (!documented.Contains(error.Error))
        {
            throw new UndocumentedOutcomeException($"Undocumented error {error.Error}: {error.Message}", error);
        }

        if (string.IsNullOrWhiteSpace(error.Message) || error.Message.Length > maxMessageLength)
        {
            throw new UndocumentedOutcomeException($"Error {error.Error} without a usable message ({error.Message.Length} characters).", error);
        }
    }

    /// <summary>Throws <see cref="UndocumentedOutcomeException"/> when <paramref name="condition"/> is false.</summary>
    protected static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new UndocumentedOutcomeException(what);
        }
    }
}

/// <summary>A parser broke one of its invariants: a finding.</summary>
internal sealed class UndocumentedOutcomeException(string message, Exception? inner = null) : Exception(message, inner);
