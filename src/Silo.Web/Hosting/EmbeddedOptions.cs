namespace WhatsTheTab.Silo.Web.Hosting;

/// <summary>The embedded default (no Redis and/or no PostgreSQL configured); bound from section <see cref="SectionName"/>.</summary>
public sealed class EmbeddedOptions
{
    public const string SectionName = "Embedded";

    /// <summary>Folder for Garnet's checkpoints and AOF (<c>garnet/</c>), media files (<c>media/</c>) and the worker token.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>The loopback port of the embedded Garnet server (what a GPU silo on this machine connects to).</summary>
    public int GarnetPort { get; set; } = 6379;

    /// <summary>Garnet's in-memory log size; older records spill to disk under the data folder (storage tier), nothing is evicted.</summary>
    public string GarnetMemory { get; set; } = "256m";
}
