using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace WhatsTheTab.Storage.Migrations;

/// <summary>
/// Brings a PostgreSQL database up to the schema this assembly embeds (<c>Sql/NNNN_*.sql</c>): the grain-state table,
/// the Orleans ADO.NET query rows and the media tables. All pending migrations run in one transaction that first takes
/// a transaction-scoped advisory lock, so web silos starting together apply each migration exactly once and a failure
/// leaves the database as it was. Applied migrations are recorded in <c>schema_migrations</c>.
/// </summary>
public sealed partial class DatabaseMigrator
{
    /// <summary>The advisory lock key every migrator takes (an arbitrary constant: "WTTSCHEM" in ASCII).</summary>
    public const long AdvisoryLockKey = 0x5754_5453_4348_454D;

    private const string CreateHistoryTableSql = """
        CREATE TABLE IF NOT EXISTS schema_migrations
        (
            version    integer     NOT NULL,
            name       text        NOT NULL,
            checksum   text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT schema_migrations_pkey PRIMARY KEY (version)
        );
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;

    /// <summary>Creates a migrator that uses connections from <paramref name="dataSource"/> (not disposed by the migrator).</summary>
    public DatabaseMigrator(NpgsqlDataSource dataSource, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(logger);
        _dataSource = dataSource;
        _logger = logger;
    }

    /// <summary>The highest migration version embedded in this assembly: what a current database reports.</summary>
    public static int LatestVersion => MigrationCatalog.All.Count == 0 ? 0 : MigrationCatalog.All[^1].Version;

    /// <summary>
    /// Entry point for the web silo's start-up and the <c>migrate</c> command: applies every pending migration to the
    /// database at <paramref name="connectionString"/>. Safe to call from several processes at once and to repeat.
    /// </summary>
    public static async Task<MigrationResult> MigrateAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        return await new DatabaseMigrator(dataSource, logger).MigrateAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies every pending migration; see <see cref="DatabaseMigrator"/>.</summary>
    public async Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Held until commit or rollback; a second migrator waits here and then finds nothing left to do.
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var create = new NpgsqlCommand(CreateHistoryTableSql, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var recorded = await ReadHistoryAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var applied = new List<string>();
        var schemaVersion = recorded.Count == 0 ? 0 : recorded.Keys.Max();
        foreach (var migration in MigrationCatalog.All)
        {
            if (recorded.TryGetValue(migration.Version, out var checksum))
            {
                if (!string.Equals(checksum, migration.Checksum, StringComparison.Ordinal))
                {
                    LogChecksumChanged(_logger, migration.Name, checksum, migration.Checksum);
                }

                continue;
            }

            LogApplying(_logger, migration.Name);
            await ApplyAsync(connection, transaction, migration, cancellationToken).ConfigureAwait(false);
            applied.Add(migration.Name);
            schemaVersion = Math.Max(schemaVersion, migration.Version);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (applied.Count == 0)
        {
            LogUpToDate(_logger, schemaVersion);
        }
        else
        {
            LogMigrated(_logger, applied.Count, schemaVersion);
        }

        return new MigrationResult(applied, schemaVersion);
    }

    private static async Task<Dictionary<int, string>> ReadHistoryAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var recorded = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            recorded[reader.GetInt32(0)] = reader.GetString(1);
        }

        return recorded;
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "The text is a migration script embedded in this assembly at build time; nothing in it comes from input.")]
    private static async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Migration migration, CancellationToken cancellationToken)
    {
        await using (var script = new NpgsqlCommand(migration.Sql, connection, transaction))
        {
            await script.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var record = new NpgsqlCommand(
            "INSERT INTO schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)", connection, transaction);
        record.Parameters.AddWithValue("version", migration.Version);
        record.Parameters.AddWithValue("name", migration.Name);
        record.Parameters.AddWithValue("checksum", migration.Checksum);
        await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying database migration {Migration}")]
    private static partial void LogApplying(ILogger logger, string migration);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} database migrations; schema version {SchemaVersion}")]
    private static partial void LogMigrated(ILogger logger, int count, int schemaVersion);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Database schema is current at version {SchemaVersion}")]
    private static partial void LogUpToDate(ILogger logger, int schemaVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Migration {Migration} was applied with checksum {AppliedChecksum} but the embedded script now hashes to {EmbeddedChecksum}; applied migrations must not be edited, add a new one instead")]
    private static partial void LogChecksumChanged(ILogger logger, string migration, string appliedChecksum, string embeddedChecksum);
}
