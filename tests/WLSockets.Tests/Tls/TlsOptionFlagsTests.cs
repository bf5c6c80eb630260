using System.Security.Authentication;
using WLSockets.Transports.Tls;
using WLSockets.WLangage;
using static WLSockets.WLangage.Fonctions;

namespace WLSockets.Tests.Tls;

/// <summary>The <c>&lt;Options SSL&gt;</c> flags (open question L2) and their mapping to <see cref="SslProtocols"/> (L1).</summary>
public class TlsOptionFlagsTests
{
#pragma warning disable SYSLIB0039, CA5397 // the obsolete versions are what is being mapped
    private static readonly bool s_tls10 = TlsEngine.IsAvailable(SslProtocols.Tls);
    private static readonly bool s_tls11 = TlsEngine.IsAvailable(SslProtocols.Tls11);

    [Fact]
    public void The_values_are_distinct_bits_and_the_defaults_are_the_documented_ones()
    {
        int[] flags = [ProtocoleSSL2, ProtocoleSSL3, ProtocoleTLS1, ProtocoleTLS1_1, ProtocoleTLS1_2, ProtocoleTLS1_3, HashCertificat, NomCertificat];
        Assert.Equal(flags.Length, flags.Distinct().Count());
        Assert.All(flags, f => Assert.Equal(1, System.Numerics.BitOperations.PopCount((uint)f)));
        Assert.Equal(ProtocoleTLS1 + ProtocoleTLS1_1 + ProtocoleTLS1_2, TlsOptionFlags.DefaultClient);
        Assert.Equal(ProtocoleTLS1 + ProtocoleTLS1_1 + ProtocoleTLS1_2 + NomCertificat, TlsOptionFlags.DefaultServer);
        Assert.Equal(0x10, ProtocoleTLS1_2);
        Assert.Equal(0x100, HashCertificat);
    }

    [Fact]
    public void Versions_map_one_to_one_and_refused_ones_are_dropped_while_one_remains()
    {
        Assert.Equal(SslProtocols.Tls12, TlsOptionFlags.ToProtocols(ProtocoleTLS1_2));
        Assert.Equal(SslProtocols.Tls13, TlsOptionFlags.ToProtocols(ProtocoleTLS1_3 + NomCertificat));
        Assert.Equal(SslProtocols.Tls12 | SslProtocols.Tls13, TlsOptionFlags.ToProtocols(ProtocoleTLS1_2 + ProtocoleTLS1_3 + HashCertificat));
        Assert.Equal(SslProtocols.Tls13, TlsOptionFlags.ToProtocols(ProtocoleSSL2 + ProtocoleSSL3 + ProtocoleTLS1_3));

        SslProtocols expectedDefault = SslProtocols.Tls12 | (s_tls10 ? SslProtocols.Tls : 0) | (s_tls11 ? SslProtocols.Tls11 : 0);
        Assert.Equal(expectedDefault, TlsOptionFlags.ToProtocols(TlsOptionFlags.DefaultClient));
        Assert.Equal(expectedDefault, TlsOptionFlags.ToProtocols(0)); // no version given: the default set
        Assert.Equal(expectedDefault, TlsOptionFlags.ToProtocols(HashCertificat));
    }

    [Fact]
    public void On_this_Debian_OpenSSL_TLS_1_0_and_1_1_are_refused()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && WLangageSettings.TlsEngineName.StartsWith("OpenSSL 3", StringComparison.Ordinal),
            "recorded for OpenSSL 3 at its default security level");
        Assert.False(s_tls10);
        Assert.False(s_tls11);
        Assert.True(TlsEngine.IsAvailable(SslProtocols.Tls12));
        Assert.True(TlsEngine.IsAvailable(SslProtocols.Tls13));
        var ex = Assert.Throws<WLSocketException>(() => TlsOptionFlags.ToProtocols(ProtocoleTLS1 + ProtocoleTLS1_1));
        Assert.Equal(WLSocketError.NotSupported, ex.Error);
        Assert.Contains("TLS 1.0 and TLS 1.1 are disabled", ex.Message, StringComparison.Ordinal);
    }
#pragma warning restore SYSLIB0039, CA5397

    [Theory]
    [InlineData(ProtocoleSSL2, WLSocketError.NotSupported)]
    [InlineData(ProtocoleSSL3 + HashCertificat, WLSocketError.NotSupported)]
    [InlineData(HashCertificat + NomCertificat, WLSocketError.InvalidArgument)]
    [InlineData(0x40, WLSocketError.InvalidArgument)]
    [InlineData(int.MinValue, WLSocketError.InvalidArgument)]
    public void Bad_combinations_fail_clearly(int options, WLSocketError expected) =>
        Assert.Equal(expected, Assert.Throws<WLSocketException>(() => TlsOptionFlags.ToProtocols(options)).Error);
}
