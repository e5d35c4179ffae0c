using Npgsql;
using StackExchange.Redis;

namespace WhatsTheTab.Silo.Web.Hosting;

/// <summary>What the web silo says at start-up about where its state lives; names endpoints, never passwords.</summary>
public static partial class StartupLog
{
    /// <summary>Logs the mode: embedded Garnet or configured Redis, PostgreSQL or Redis grain storage and files.</summary>
    public static void Mode(ILogger logger, WebSiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(settings);
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var redis = settings.EmbeddedRedis
            ? $"embedded Garnet on {settings.RedisConnectionString} (data {Path.Combine(settings.DataDirectory, "garnet")})"
            : $"Redis at {string.Join(", ", ConfigurationOptions.Parse(settings.RedisConnectionString).EndPoints)}";
        string storage;
        if (settings.UsesPostgres)
        {
            var postgres = new NpgsqlConnectionStringBuilder(settings.Postgres.ConnectionString);
            storage = $"PostgreSQL at {postgres.Host}:{postgres.Port}/{postgres.Database} (grain state and media)";
        }
        else
        {
            storage = $"grain state in Redis grain storage, media under {Path.Combine(settings.DataDirectory, "media")}";
        }

        var urls = string.Join(' ', settings.Urls);
        LogMode(
            logger,
            settings.EmbeddedRedis && !settings.UsesPostgres ? "embedded default" : settings.UsesPostgres ? "production (PostgreSQL)" : "Redis without PostgreSQL",
            redis,
            storage,
            settings.Orleans.ClusterId,
            settings.Orleans.SiloPort,
            settings.Orleans.GatewayPort,
            urls);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "WhatsTheTab web silo, {Mode} mode: {Redis}; {Storage}; cluster {ClusterId}, silo port {SiloPort}, gateway port {GatewayPort}; HTTP on {Urls}")]
    private static partial void LogMode(ILogger logger, string mode, string redis, string storage, string clusterId, int siloPort, int gatewayPort, string urls);

    /// <summary>Logs what <see cref="Hosting.MallocArenas.Limit"/> did.</summary>
    internal static void MallocArenas(ILogger logger, MallocArenasOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var detail = outcome switch
        {
            MallocArenasOutcome.Limited => $"at most {Hosting.MallocArenas.WebSiloLimit}",
            MallocArenasOutcome.SetByEnvironment => $"{Hosting.MallocArenas.EnvironmentVariable}={Environment.GetEnvironmentVariable(Hosting.MallocArenas.EnvironmentVariable)}",
            _ => "not glibc, left as they are",
        };
        LogMallocArenas(logger, detail);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "malloc arenas: {Arenas}")]
    private static partial void LogMallocArenas(ILogger logger, string arenas);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL migrations: applied {Applied}, schema version {SchemaVersion}")]
    public static partial void Migrated(ILogger logger, int applied, int schemaVersion);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The web silo cannot start: {Problem}")]
    public static partial void CannotStart(ILogger logger, string problem);
}
