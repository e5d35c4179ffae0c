using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using WhatsTheTab.Storage.Media;
using WhatsTheTab.Storage.Migrations;
using WhatsTheTab.TestSupport.Services;

namespace WhatsTheTab.Storage.Tests.Media;

/// <summary>The media contract on PostgreSQL chunk rows, plus how the rows look.</summary>
public sealed class PostgresMediaStoreTests : MediaStoreContract, IAsyncLifetime
{
    private NpgsqlDataSource _dataSource = null!;
    private PostgresMediaStore _store = null!;

    protected override IMediaStore Store => _store;

    public async Task InitializeAsync()
    {
        var connectionString = SharedPostgresServer.CreateDatabase();
        await DatabaseMigrator.MigrateAsync(connectionString, NullLogger.Instance, CancellationToken.None);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _store = new PostgresMediaStore(_dataSource, NullLogger<PostgresMediaStore>.Instance);
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task SaveAsync_WritesFullChunkRowsAndAShortLastOne()
    {
        const int Length = (3 * PostgresMediaStore.DefaultChunkSize) + 17;

        var stored = await _store.SaveAsync("audio", new PatternStream(Length, 9, maxRead: 4_096), "audio/wav", CancellationToken.None);

        await using var command = _dataSource.CreateCommand(
            "SELECT count(*), min(seq), max(seq), max(length(data)), sum(length(data)) FROM media_chunk WHERE key = @key");
        command.Parameters.AddWithValue("key", stored.Key);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(4L, reader.GetInt64(0));
        Assert.Equal((0, 3), (reader.GetInt32(1), reader.GetInt32(2)));
        Assert.Equal(PostgresMediaStore.DefaultChunkSize, reader.GetInt32(3));
        Assert.Equal(Length, reader.GetInt64(4));
    }

    [Fact]
    public async Task Reading_WhenTheItemIsDeletedMidway_FailsWithIOException()
    {
        var stored = await _store.SaveAsync("audio", new PatternStream(3 * PostgresMediaStore.DefaultChunkSize, 2), "audio/wav", CancellationToken.None);
        await using var opened = await _store.OpenReadAsync(stored.Key, CancellationToken.None);
        var buffer = new byte[PostgresMediaStore.DefaultChunkSize];
        await opened!.Content.ReadExactlyAsync(buffer);

        await _store.DeleteAsync(stored.Key, CancellationToken.None);

        await Assert.ThrowsAsync<IOException>(async () => await opened.Content.ReadExactlyAsync(buffer));
    }

    protected override async Task<long> CountStoredThingsAsync()
    {
        await using var command = _dataSource.CreateCommand("SELECT (SELECT count(*) FROM media) + (SELECT count(*) FROM media_chunk)");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
