using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using WhatsTheTab.Storage.Migrations;
using WhatsTheTab.TestSupport.Services;

namespace WhatsTheTab.Storage.Tests.Migrations;

public sealed class DatabaseMigratorTests
{
    [Fact]
    public void EmbeddedMigrations_AreNumberedAndIncludeSchemaQueriesAndMedia()
    {
        var names = MigrationCatalog.All.Select(m => m.Name).ToList();

        Assert.Equal(["0001_schema", "0002_orleans_queries", "0003_media"], names.Take(3));
        Assert.Equal(names.Count, MigrationCatalog.All.Select(m => m.Version).Distinct().Count());
        Assert.Equal(MigrationCatalog.All[^1].Version, DatabaseMigrator.LatestVersion);
    }

    [Fact]
    public async Task MigrateAsync_EmptyDatabase_AppliesEveryMigrationAndInstallsTheProviderQueries()
    {
        var connectionString = SharedPostgresServer.CreateDatabase();

        var result = await DatabaseMigrator.MigrateAsync(connectionString, NullLogger.Instance, CancellationToken.None);

        Assert.Equal(MigrationCatalog.All.Select(m => m.Name), result.Applied);
        Assert.Equal(DatabaseMigrator.LatestVersion, result.SchemaVersion);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        foreach (var table in new[] { "grain_state", "orleansquery", "media", "media_chunk", "schema_migrations" })
        {
            Assert.True(await ScalarAsync<bool>(dataSource, $"SELECT to_regclass('{table}') IS NOT NULL"), table);
        }

        var keys = await ListAsync(dataSource, "SELECT querykey FROM orleansquery ORDER BY querykey");
        Assert.Equal(["ClearStorageKey", "DeleteStorageKey", "ReadFromStorageKey", "WriteToStorageKey"], keys);
    }

    [Fact]
    public async Task MigrateAsync_SecondRun_AppliesNothingAndKeepsTheHistory()
    {
        var connectionString = SharedPostgresServer.CreateDatabase();
        await DatabaseMigrator.MigrateAsync(connectionString, NullLogger.Instance, CancellationToken.None);

        var second = await DatabaseMigrator.MigrateAsync(connectionString, NullLogger.Instance, CancellationToken.None);

        Assert.Empty(second.Applied);
        Assert.Equal(DatabaseMigrator.LatestVersion, second.SchemaVersion);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        Assert.Equal(MigrationCatalog.All.Count, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task MigrateAsync_FromFourSilosAtOnce_AppliesEachMigrationExactlyOnce()
    {
        var connectionString = SharedPostgresServer.CreateDatabase();
        using var start = new ManualResetEventSlim();

        var runs = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await DatabaseMigrator.MigrateAsync(connectionString, NullLogger.Instance, CancellationToken.None);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(runs);

        Assert.Equal(MigrationCatalog.All.Select(m => m.Name), results.SelectMany(r => r.Applied).Order(StringComparer.Ordinal));
        Assert.Single(results, r => r.Applied.Count > 0);
        Assert.All(results, r => Assert.Equal(DatabaseMigrator.LatestVersion, r.SchemaVersion));
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        Assert.Equal(MigrationCatalog.All.Count, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task MigrateAsync_WhenAScriptFails_RollsEverythingBack()
    {
        var connectionString = SharedPostgresServer.CreateDatabase();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        // A 'media' table of someone else's shape makes 0003's index on (kind, created_at) fail after 0001 and 0002 ran.
        await using (var clash = dataSource.CreateCommand("CREATE TABLE media (key text PRIMARY KEY)"))
        {
            await clash.ExecuteNonQueryAsync();
        }

        await Assert.ThrowsAsync<PostgresException>(() => DatabaseMigrator.MigrateAsync(connectionString, NullLogger.Instance, CancellationToken.None));

        Assert.False(await ScalarAsync<bool>(dataSource, "SELECT to_regclass('grain_state') IS NOT NULL"));
        Assert.False(await ScalarAsync<bool>(dataSource, "SELECT to_regclass('schema_migrations') IS NOT NULL"));
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> ListAsync(NpgsqlDataSource dataSource, string sql)
    {
        var values = new List<string>();
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
