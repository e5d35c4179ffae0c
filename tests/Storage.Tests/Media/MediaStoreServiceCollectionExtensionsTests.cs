using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WhatsTheTab.Storage.Media;
using WhatsTheTab.TestSupport.Services;

namespace WhatsTheTab.Storage.Tests.Media;

public sealed class MediaStoreServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddPostgresMediaStore_RegistersTheStoreAndADataSource()
    {
        var services = new ServiceCollection().AddLogging().AddPostgresMediaStore(SharedPostgresServer.Server.ConnectionString());
        await using var provider = services.BuildServiceProvider();

        Assert.IsType<PostgresMediaStore>(provider.GetRequiredService<IMediaStore>());
        Assert.NotNull(provider.GetRequiredService<NpgsqlDataSource>());
    }

    [Fact]
    public async Task AddFileSystemMediaStore_RegistersTheStoreOnTheFolder()
    {
        var root = Path.Combine(Path.GetTempPath(), "whatsthetab-media-" + Guid.NewGuid().ToString("N"));
        try
        {
            var services = new ServiceCollection().AddLogging().AddFileSystemMediaStore(root);
            await using var provider = services.BuildServiceProvider();

            var store = Assert.IsType<FileSystemMediaStore>(provider.GetRequiredService<IMediaStore>());
            Assert.Equal(Path.GetFullPath(root), store.RootDirectory);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
