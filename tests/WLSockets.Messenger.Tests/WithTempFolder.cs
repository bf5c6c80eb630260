using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.Messenger.Tests;

/// <summary>A test class with a fresh folder (address books, tmux logs), deleted after each test.</summary>
public abstract class WithTempFolder : IDisposable
{
    internal TempDirectory Folder { get; } = new();

    public void Dispose()
    {
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }
}
