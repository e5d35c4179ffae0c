using WhatsTheTab.Storage.Media;

namespace WhatsTheTab.Storage.Tests.Media;

/// <summary>What every <see cref="IMediaStore"/> must do; each implementation's test class derives from this.</summary>
public abstract class MediaStoreContract
{
    private const int Chunk = 256 * 1024;

    public static TheoryData<string> InvalidKeys => new()
    {
        string.Empty,
        "audio",
        "audio/",
        "../../etc/passwd",
        "audio/../../etc/passwd",
        "audio/../midi/0123456789abcdef0123456789abcdef",
        "/audio/0123456789abcdef0123456789abcdef",
        "audio//0123456789abcdef0123456789abcdef",
        "audio/0123456789ABCDEF0123456789ABCDEF",
        "audio/0123456789abcdef0123456789abcdef\n",
        "audio/0123456789abcdef0123456789abcdef/x",
        "audio\\0123456789abcdef0123456789abcdef",
        "Audio/0123456789abcdef0123456789abcdef",
        "audio/0123456789abcdef0123456789abcde",
        "audio/01234567-89ab-cdef-0123-456789abcdef",
    };

    public static TheoryData<string> InvalidKinds => new() { string.Empty, "Audio", "../x", "a/b", "a b", "1audio", "audio.", new string('a', 33) };

    protected abstract IMediaStore Store { get; }

    /// <summary>Items (and leftovers of unfinished saves) the store holds right now, however it keeps them.</summary>
    protected abstract Task<long> CountStoredThingsAsync();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(Chunk - 1)]
    [InlineData(Chunk)]
    [InlineData((2 * Chunk) + 12_345)]
    public async Task SaveAsync_ThenOpenReadAsync_ReturnsTheSameBytesSizeAndSha256(int length)
    {
        var stored = await Store.SaveAsync("audio", new PatternStream(length, 42), "audio/wav", CancellationToken.None);

        Assert.Equal(length, stored.Size);
        Assert.Equal(PatternStream.Sha256Of(length, 42), stored.Sha256);
        Assert.Equal(("audio", "audio/wav"), (stored.Kind, stored.ContentType));
        await using var opened = await Store.OpenReadAsync(stored.Key, CancellationToken.None);
        Assert.NotNull(opened);
        Assert.Equal((length, "audio/wav", stored.Sha256), (opened.Length, opened.ContentType, opened.Sha256));
        Assert.True(opened.Content.CanSeek);
        Assert.Equal(length, await StreamComparison.MatchingPrefixAsync(opened.Content, new PatternStream(length, 42), readSize: 10_007));
    }

    [Fact]
    public async Task SaveAsync_FromAnUploadThatTrickles_StoresEveryByte()
    {
        const int Length = (3 * Chunk) + 999;

        var stored = await Store.SaveAsync("audio", new PatternStream(Length, 7, maxRead: 1_000), "audio/mpeg", CancellationToken.None);

        await using var opened = await Store.OpenReadAsync(stored.Key, CancellationToken.None);
        Assert.Equal(Length, await StreamComparison.MatchingPrefixAsync(opened!.Content, new PatternStream(Length, 7)));
        Assert.Equal(PatternStream.Sha256Of(Length, 7), stored.Sha256);
    }

    [Fact]
    public async Task SaveAsync_GeneratesAFreshKeyOfTheKind()
    {
        var first = await Store.SaveAsync("midi", new PatternStream(10, 1), "audio/midi", CancellationToken.None);
        var second = await Store.SaveAsync("midi", new PatternStream(10, 1), "audio/midi", CancellationToken.None);

        Assert.StartsWith("midi/", first.Key, StringComparison.Ordinal);
        Assert.True(MediaKey.IsValid(first.Key));
        Assert.NotEqual(first.Key, second.Key);
    }

    [Theory]
    [MemberData(nameof(InvalidKinds))]
    public async Task SaveAsync_InvalidKind_IsRejected(string kind)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.SaveAsync(kind, new PatternStream(10, 1), "audio/wav", CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("audio/wav\r\nX-Evil: 1")]
    public async Task SaveAsync_InvalidContentType_IsRejected(string contentType)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.SaveAsync("audio", new PatternStream(10, 1), contentType, CancellationToken.None));
    }

    [Fact]
    public async Task SaveAsync_WhenTheUploadFailsHalfWay_LeavesNothingBehind()
    {
        var before = await CountStoredThingsAsync();

        await Assert.ThrowsAsync<IOException>(() =>
            Store.SaveAsync("audio", new PatternStream(4 * Chunk, 3, failAfter: (2 * Chunk) + 10), "audio/wav", CancellationToken.None));

        Assert.Equal(before, await CountStoredThingsAsync());
    }

    [Fact]
    public async Task OpenReadAsync_MissingKey_ReturnsNull()
    {
        Assert.Null(await Store.OpenReadAsync("audio/" + Guid.NewGuid().ToString("N"), CancellationToken.None));
        Assert.False(await Store.ExistsAsync("audio/" + Guid.NewGuid().ToString("N"), CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(InvalidKeys))]
    public async Task KeysThatTheStoreCouldNotHaveMade_AreRejected(string key)
    {
        Assert.False(MediaKey.IsValid(key));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.OpenReadAsync(key, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ExistsAsync(key, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task DeleteAsync_RemovesTheItem_AndReportsWhetherThereWasOne()
    {
        var stored = await Store.SaveAsync("notes", new PatternStream(Chunk + 1, 5), "application/json", CancellationToken.None);
        Assert.True(await Store.ExistsAsync(stored.Key, CancellationToken.None));

        Assert.True(await Store.DeleteAsync(stored.Key, CancellationToken.None));

        Assert.False(await Store.ExistsAsync(stored.Key, CancellationToken.None));
        Assert.Null(await Store.OpenReadAsync(stored.Key, CancellationToken.None));
        Assert.False(await Store.DeleteAsync(stored.Key, CancellationToken.None));
    }

    [Fact]
    public async Task OpenReadAsync_SeekIntoTheMiddle_ReadsFromThere()
    {
        const int Length = (2 * Chunk) + 500;
        var stored = await Store.SaveAsync("audio", new PatternStream(Length, 11), "audio/wav", CancellationToken.None);
        var offset = Chunk + 123;
        var expected = new byte[Length];
        new PatternStream(Length, 11).ReadExactly(expected);

        await using var opened = await Store.OpenReadAsync(stored.Key, CancellationToken.None);
        opened!.Content.Seek(offset, SeekOrigin.Begin);
        var rest = new byte[Length - offset];
        await opened.Content.ReadExactlyAsync(rest);

        Assert.Equal(expected.AsSpan(offset).ToArray(), rest);
        Assert.Equal(0, await opened.Content.ReadAsync(new byte[1]));
        opened.Content.Position = 3;
        var head = new byte[5];
        opened.Content.ReadExactly(head);
        Assert.Equal(expected.AsSpan(3, 5).ToArray(), head);
    }
}
