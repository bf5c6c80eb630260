namespace WLSockets;

/// <summary>How <see cref="CertificateLoader.FromStore"/> reads its identifier.</summary>
public enum CertificateMatch
{
    /// <summary>A name: the subject's common name (CN), the friendly name, or the whole subject (WinDev <c>NomCertificat</c>).</summary>
    Name,

    /// <summary>A thumbprint (hash), spaces and case ignored (WinDev <c>HashCertificat</c>).</summary>
    Thumbprint,
}
