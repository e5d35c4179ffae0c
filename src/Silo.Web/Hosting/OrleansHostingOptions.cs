namespace WhatsTheTab.Silo.Web.Hosting;

/// <summary>The web silo's cluster identity and endpoints; bound from section <see cref="SectionName"/>.</summary>
public sealed class OrleansHostingOptions
{
    public const string SectionName = "Orleans";

    /// <summary>Fixed for every silo and client of this application.</summary>
    public const string ServiceId = "whatsthetab";

    /// <summary>The cluster every silo of one deployment shares (web and GPU alike).</summary>
    public string ClusterId { get; set; } = "whatsthetab";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one at; empty means 127.0.0.1 (one machine), so set it in a real cluster.</summary>
    public string? AdvertisedIP { get; set; }
}
