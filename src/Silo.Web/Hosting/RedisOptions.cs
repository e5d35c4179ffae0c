namespace WhatsTheTab.Silo.Web.Hosting;

/// <summary>Where Redis is (clustering, the task queue, pub/sub); bound from section <see cref="SectionName"/>.</summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>
    /// A StackExchange.Redis configuration string (<c>host:port,password=…</c>). Empty (the default) starts the embedded
    /// Garnet server in-process instead (see <see cref="EmbeddedOptions"/>).
    /// </summary>
    public string? ConnectionString { get; set; }
}
