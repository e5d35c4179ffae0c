using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.TestingHost;
using WhatsTheTab.Storage.Migrations;
using WhatsTheTab.Storage.Tests.GrainState;
using WhatsTheTab.TestSupport.Services;

namespace WhatsTheTab.Storage.Tests.Services;

/// <summary>The throwaway server's crash and restart, which fault tests rely on, and what grain storage sees across one.</summary>
public sealed class PostgresServerTests
{
    [Fact]
    public async Task Kill_ThenRestart_KeepsCommittedRowsOnTheSamePort()
    {
        using var server = PostgresServer.Start();
        var connectionString = server.ConnectionString(server.CreateDatabase());
        await ExecuteAsync(connectionString, "CREATE TABLE survivors (id integer); INSERT INTO survivors VALUES (1), (2)");

        server.Kill();
        Assert.False(server.IsRunning);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => ExecuteAsync(connectionString, "SELECT 1"));
        server.Restart();

        Assert.True(server.IsRunning);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM survivors");
        Assert.Equal(2L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task GrainStorage_AfterPostgresRestarts_ReadsAndWritesAgain()
    {
        using var server = PostgresServer.Start();
        var connectionString = server.ConnectionString(server.CreateDatabase());
        await DatabaseMigrator.MigrateAsync(connectionString, NullLogger.Instance, CancellationToken.None);
        await using var cluster = await GrainStorageCluster.DeployAsync(connectionString, "restart-" + Guid.NewGuid().ToString("N")[..8]);
        var grain = cluster.Client.GetGrain<IStateTestGrain>(Guid.NewGuid());
        await grain.SetAsync("before", TestJobStatus.Running, 1);

        server.Restart();

        // Pooled connections died with the server; each failed command discards one, so a few retries get through.
        await RetryAsync(() => grain.SetAsync("after", TestJobStatus.Done, 2));
        await cluster.DeactivateAsync(grain);
        var state = await grain.GetAsync();
        Assert.Equal(("after", TestJobStatus.Done), (state.Name, state.Status));
    }

    private static async Task RetryAsync(Func<Task> action)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await action();
                return;
            }
            catch (Exception) when (attempt < 10)
            {
                await Task.Delay(100);
            }
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
