namespace WhatsTheTab.Silo.Gpu.Configuration;

/// <summary>Where Redis is (queue, events, heartbeats and Orleans membership), bound from section <see cref="SectionName"/>.</summary>
public sealed class RedisOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c> (env <c>Redis__ConnectionString</c>).</summary>
    public string ConnectionString { get; set; } = string.Empty;
}
