namespace WhatsTheTab.Silo.Gpu.Configuration;

/// <summary>The Orleans silo's identity and endpoints, bound from section <see cref="SectionName"/> (env <c>Orleans__…</c>).</summary>
public sealed class SiloEndpointOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Orleans";

    /// <summary>Fixed for the whole product: every silo of every role shares it.</summary>
    public const string ServiceId = "whatsthetab";

    /// <summary>The cluster this silo joins; web and GPU silos must use the same one.</summary>
    public string ClusterId { get; set; } = "whatsthetab";

    /// <summary>Silo-to-silo port (web silos default to 11111, GPU silos to 11112, so both run on one machine).</summary>
    public int SiloPort { get; set; } = 11112;

    /// <summary>Client gateway port (web 30000, GPU 30001).</summary>
    public int GatewayPort { get; set; } = 30001;

    /// <summary>The address other silos reach this one on; empty advertises loopback (every silo on one machine, as the web silo does); set it to the pod's or host's address in a real cluster.</summary>
    public string? AdvertisedIP { get; set; }
}
