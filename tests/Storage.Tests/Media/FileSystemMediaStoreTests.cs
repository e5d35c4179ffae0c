using Microsoft.Extensions.Logging.Abstractions;
using WhatsTheTab.Storage.Media;

namespace WhatsTheTab.Storage.Tests.Media;

/// <summary>The media contract on a folder, plus its on-disk layout and durability.</summary>
public sealed class FileSystemMediaStoreTests : MediaStoreContract, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("whatsthetab-media-").FullName;
    private readonly FileSystemMediaStore _store;

    public FileSystemMediaStoreTests()
    {
        _store = new FileSystemMediaStore(_root, NullLogger<FileSystemMediaStore>.Instance);
    }

    protected override IMediaStore Store => _store;

    [Fact]
    public async Task SaveAsync_PutsTheItemUnderItsKindWithASidecar_AndNothingInTheTemporaryFolder()
    {
        var stored = await _store.SaveAsync("audio", new PatternStream(1_000, 1), "audio/flac", CancellationToken.None);

        var id = stored.Key["audio/".Length..];
        Assert.True(File.Exists(Path.Combine(_root, "audio", id)));
        Assert.True(File.Exists(Path.Combine(_root, "audio", id + ".json")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_root, ".tmp")));
    }

    [Fact]
    public async Task AnotherStoreOnTheSameFolder_SeesEverythingStoredBefore()
    {
        var stored = await _store.SaveAsync("midi", new PatternStream(5_000, 4), "audio/midi", CancellationToken.None);

        var reopened = new FileSystemMediaStore(_root, NullLogger<FileSystemMediaStore>.Instance);
        await using var opened = await reopened.OpenReadAsync(stored.Key, CancellationToken.None);

        Assert.NotNull(opened);
        Assert.Equal((5_000L, "audio/midi", stored.Sha256), (opened.Length, opened.ContentType, opened.Sha256));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
    }

    protected override Task<long> CountStoredThingsAsync() =>
        Task.FromResult(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).LongCount());
}
