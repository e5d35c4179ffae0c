using System.Globalization;
using StackExchange.Redis;

namespace WhatsTheTab.Silo.Web.Seed;

/// <summary>
/// Reads the seed's metrics fields from Redis INFO (sections clients, server, memory). Tolerant: fields the server does
/// not report (Garnet reports fewer) are left out, and a server that refuses INFO yields an empty set.
/// </summary>
public sealed partial class RedisInfoReader
{
    private static readonly string[] Sections = ["clients", "server", "memory"];

    // What an operator wants on a metrics page; paths and config file names stay out.
    private static readonly HashSet<string> Wanted = new(StringComparer.Ordinal)
    {
        "redis_version", "garnet_version", "redis_mode", "uptime_in_seconds", "uptime_in_days",
        "connected_clients", "blocked_clients", "maxclients", "tracking_clients",
        "used_memory", "used_memory_human", "used_memory_rss", "used_memory_rss_human", "used_memory_peak",
        "used_memory_peak_human", "maxmemory", "maxmemory_human", "maxmemory_policy", "mem_fragmentation_ratio",
        "proc_peak_workingset", "proc_physical_memory_size", "main_store_size", "object_store_size",
    };

    private readonly IConnectionMultiplexer _redis;
    private readonly ILogger<RedisInfoReader> _logger;

    public RedisInfoReader(IConnectionMultiplexer redis, ILogger<RedisInfoReader> logger)
    {
        _redis = redis;
        _logger = logger;
    }

    /// <summary>The wanted fields, numbers as numbers; empty when INFO is unavailable.</summary>
    public async Task<IReadOnlyDictionary<string, object>> ReadAsync()
    {
        var stats = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var section in Sections)
        {
            string? text;
            try
            {
                text = await InfoAsync(section);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogInfoUnavailable(_logger, section, ex.Message);
                continue;
            }

            foreach (var (name, value) in Parse(text))
            {
                if (Wanted.Contains(name))
                {
                    stats[name] = Typed(value);
                }
            }
        }

        return stats;
    }

    /// <summary>INFO's <c>name:value</c> lines (section headers and blank lines skipped).</summary>
    public static IEnumerable<(string Name, string Value)> Parse(string? info)
    {
        foreach (var raw in (info ?? string.Empty).Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (line.Length == 0 || line[0] == '#' || colon <= 0)
            {
                continue;
            }

            yield return (line[..colon].Trim(), line[(colon + 1)..].Trim());
        }
    }

    private async Task<string?> InfoAsync(string section)
    {
        // INFO through the database works without allowAdmin; the result is INFO's raw text.
        var result = await _redis.GetDatabase().ExecuteAsync("INFO", section);
        return result.IsNull ? null : result.ToString();
    }

    private static object Typed(string value)
    {
        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
        {
            return whole;
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real) ? real : value;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis INFO {Section} unavailable: {Reason}")]
    private static partial void LogInfoUnavailable(ILogger logger, string section, string reason);
}
