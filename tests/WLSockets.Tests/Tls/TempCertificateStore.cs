using System.Security.Cryptography.X509Certificates;

namespace WLSockets.Tests.Tls;

/// <summary>
/// Certificates added to a CurrentUser store for one test and removed afterwards. By default the store itself is new
/// and unique to the test (on Linux, a directory under ~/.dotnet/corefx/cryptography/x509stores, deleted on dispose);
/// with a store name such as <c>My</c>, only the certificates this test added are removed.
/// </summary>
internal sealed class TempCertificateStore : IDisposable
{
    private readonly List<X509Certificate2> _added = [];
    private readonly bool _ownStore;

    public TempCertificateStore(string? storeName = null)
    {
        _ownStore = storeName is null;
        Name = storeName ?? "WLSocketsTest" + Guid.NewGuid().ToString("N");
    }

    /// <summary>The store's name, to pass to the code under test.</summary>
    public string Name { get; }

    public X509Certificate2 Add(X509Certificate2 certificate)
    {
        using var store = new X509Store(Name, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        store.Add(certificate);
        _added.Add(certificate);
        return certificate;
    }

    public void Dispose()
    {
        using (var store = new X509Store(Name, StoreLocation.CurrentUser))
        {
            store.Open(OpenFlags.ReadWrite);
            foreach (X509Certificate2 certificate in _added)
            {
                store.Remove(certificate);
            }
        }

        if (_ownStore && !OperatingSystem.IsWindows())
        {
            string directory = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "corefx", "cryptography", "x509stores", Name.ToLowerInvariant());
            if (Directory.Exists(directory) && Directory.GetFileSystemEntries(directory).Length == 0)
            {
                Directory.Delete(directory);
            }
        }
    }
}
