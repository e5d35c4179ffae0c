using Xunit.Abstractions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using WhatsTheTab.Storage.Media;
using WhatsTheTab.Storage.Migrations;
using WhatsTheTab.TestSupport.Services;

namespace WhatsTheTab.Storage.Tests.Media;

/// <summary>
/// 50 MB in and out of each store while counting every byte the process allocates (all threads): streaming means the
/// total stays a small fraction of the content, whatever its size.
/// </summary>
[Collection(nameof(MemoryMeasurementGroup))]
public sealed class MediaStoreMemoryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const long Length = 50L * 1024 * 1024;

    /// <summary>Generous for buffers, pools, connections and logging; an implementation that buffered the file would need 50 MB or more.</summary>
    private const long AllocationBudget = 4L * 1024 * 1024;

    private string _connectionString = string.Empty;
    private string _root = string.Empty;

    public async Task InitializeAsync()
    {
        _connectionString = SharedPostgresServer.CreateDatabase();
        await DatabaseMigrator.MigrateAsync(_connectionString, NullLogger.Instance, CancellationToken.None);
        _root = Directory.CreateTempSubdirectory("whatsthetab-media-").FullName;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task PostgresMediaStore_50MegabytesInAndOut_AllocatesAFractionOfTheContent()
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        var store = new PostgresMediaStore(dataSource, NullLogger<PostgresMediaStore>.Instance);

        await RoundTripWithinBudgetAsync(store);
    }

    [Fact]
    public async Task FileSystemMediaStore_50MegabytesInAndOut_AllocatesAFractionOfTheContent()
    {
        var store = new FileSystemMediaStore(_root, NullLogger<FileSystemMediaStore>.Instance);

        await RoundTripWithinBudgetAsync(store);
    }

    private async Task RoundTripWithinBudgetAsync(IMediaStore store)
    {
        // Warm up first so JIT, connection pools and ArrayPool buckets are not counted.
        await RoundTripAsync(store, 3 * PostgresMediaStore.DefaultChunkSize);
        var sink = new byte[64 * 1024];
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var (stored, readBack) = await RoundTripAsync(store, Length, sink);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        output.WriteLine($"{store.GetType().Name}: allocated {allocated:N0} bytes moving {Length:N0} bytes in and out");
        Assert.Equal(Length, stored.Size);
        Assert.Equal(Length, readBack);
        Assert.True(allocated < AllocationBudget, $"allocated {allocated:N0} bytes moving {Length:N0} bytes in and out");
        Assert.Equal(PatternStream.Sha256Of(Length, 99), stored.Sha256);
    }

    private static async Task<(MediaRef Stored, long ReadBack)> RoundTripAsync(IMediaStore store, long length, byte[]? sink = null)
    {
        sink ??= new byte[64 * 1024];
        var stored = await store.SaveAsync("audio", new PatternStream(length, 99), "audio/wav", CancellationToken.None);
        long readBack = 0;
        await using (var opened = await store.OpenReadAsync(stored.Key, CancellationToken.None))
        {
            int read;
            while ((read = await opened!.Content.ReadAsync(sink)) > 0)
            {
                readBack += read;
            }
        }

        await store.DeleteAsync(stored.Key, CancellationToken.None);
        return (stored, readBack);
    }
}
