using System.Net;

namespace WLSockets.Messenger;

/// <summary>One entry of the address book (WinDev's <c>CONTACT</c> file: <c>Nom</c>, <c>Adresse_IP</c>, <c>Adresse_DNS</c>).</summary>
/// <param name="Id">Database key.</param>
/// <param name="Name">The name shown for this contact; unique in the book (case-insensitive).</param>
/// <param name="IpAddress">IP address literal, or null when only a DNS name is known.</param>
/// <param name="DnsName">DNS name, or null.</param>
public sealed record Contact(long Id, string Name, string? IpAddress, string? DnsName)
{
    /// <summary>
    /// The address to reach the contact at: the IP address when filled, else the DNS name (WinDev's intent; the
    /// shipped example has the test inverted, see docs/decisions.md).
    /// </summary>
    public string Address => !string.IsNullOrEmpty(IpAddress) ? IpAddress : DnsName ?? "";

    /// <summary>The IP address parsed, or null when none is recorded.</summary>
    public IPAddress? ParsedIpAddress => IPAddress.TryParse(IpAddress, out IPAddress? ip) ? ip : null;
}
