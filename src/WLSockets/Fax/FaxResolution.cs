namespace WLSockets.Fax;

/// <summary>Vertical resolution of the sent pages (<c>JPARM VRES</c>, lines per inch).</summary>
public enum FaxResolution
{
    /// <summary>Standard: 98 lines per inch.</summary>
    Standard = 98,

    /// <summary>Fine: 196 lines per inch.</summary>
    Fine = 196,
}
