namespace WLSockets;

/// <summary>The key of a certificate made by <see cref="CertificateLoader.CreateSelfSigned(string, int, SelfSignedKeyType)"/>.</summary>
public enum SelfSignedKeyType
{
    /// <summary>RSA, 2048 bits: accepted everywhere.</summary>
    Rsa2048,

    /// <summary>ECDSA on the P-256 curve: smaller and faster.</summary>
    EcdsaP256,
}
