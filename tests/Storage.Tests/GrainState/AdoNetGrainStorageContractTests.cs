using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace WhatsTheTab.Storage.Tests.GrainState;

/// <summary>
/// The provider's ETag contract on the project's SQL, driven through the silo's own <see cref="IGrainStorage"/>
/// with hand-made grain states, so each version rule is exercised exactly (stale writers, duplicate inserts, races).
/// </summary>
public sealed class AdoNetGrainStorageContractTests(GrainStorageCluster fixture) : IClassFixture<GrainStorageCluster>
{
    private const string StateName = "contract";
    private static readonly GrainType TestGrainType = GrainType.Create("storage-contract");

    private IGrainStorage Storage => fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(GrainStorageCluster.StorageName);

    private IGrainStorage DeletingStorage => fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(GrainStorageCluster.DeletingStorageName);

    [Fact]
    public async Task Read_MissingRow_GivesDefaultStateNoETagNoRecord()
    {
        var state = new GrainState<TestJobState>();

        await Storage.ReadStateAsync(StateName, NewGuidId(), state);

        Assert.NotNull(state.State);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task Write_ThenWriteAgain_CountsVersionsUpFromOne()
    {
        var id = NewGuidId();
        var state = new GrainState<TestJobState>(new TestJobState { Name = "v1" });

        await Storage.WriteStateAsync(StateName, id, state);
        Assert.Equal("1", state.ETag);
        state.State!.Name = "v2";
        await Storage.WriteStateAsync(StateName, id, state);

        var read = new GrainState<TestJobState>();
        await Storage.ReadStateAsync(StateName, id, read);
        Assert.Equal(("2", true, "v2"), (read.ETag, read.RecordExists, read.State!.Name));
    }

    [Fact]
    public async Task Write_WithStaleETag_ThrowsAndLeavesTheRowAlone()
    {
        var id = NewGuidId();
        var first = new GrainState<TestJobState>(new TestJobState { Name = "original" });
        await Storage.WriteStateAsync(StateName, id, first);
        var second = new GrainState<TestJobState>(new TestJobState { Name = "from a stale copy" }) { ETag = first.ETag };
        first.State!.Name = "winner";
        await Storage.WriteStateAsync(StateName, id, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, id, second));

        var read = new GrainState<TestJobState>();
        await Storage.ReadStateAsync(StateName, id, read);
        Assert.Equal(("2", "winner"), (read.ETag, read.State!.Name));
    }

    [Fact]
    public async Task Write_WithoutETagWhenARowExists_Throws()
    {
        var id = NewGuidId();
        await Storage.WriteStateAsync(StateName, id, new GrainState<TestJobState>(new TestJobState { Name = "first activation" }));

        var duplicate = new GrainState<TestJobState>(new TestJobState { Name = "second activation" });
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, id, duplicate));
    }

    [Fact]
    public async Task ConcurrentWrites_FromTheSameVersion_ExactlyOneWins()
    {
        var id = NewGuidId();
        var seed = new GrainState<TestJobState>(new TestJobState { Name = "seed" });
        await Storage.WriteStateAsync(StateName, id, seed);

        var writers = Enumerable.Range(0, 8)
            .Select(i => new GrainState<TestJobState>(new TestJobState { Name = $"writer {i}" }) { ETag = seed.ETag })
            .ToList();
        var outcomes = await Task.WhenAll(writers.Select(async w =>
        {
            try
            {
                await Storage.WriteStateAsync(StateName, id, w);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Single(outcomes, won => won);
        var winner = writers[Array.IndexOf(outcomes, true)];
        var read = new GrainState<TestJobState>();
        await Storage.ReadStateAsync(StateName, id, read);
        Assert.Equal(("2", winner.State!.Name), (read.ETag, read.State!.Name));
    }

    [Fact]
    public async Task Clear_WithStaleETag_Throws()
    {
        var id = NewGuidId();
        var state = new GrainState<TestJobState>(new TestJobState { Name = "x" });
        await Storage.WriteStateAsync(StateName, id, state);
        var stale = new GrainState<TestJobState>(new TestJobState()) { ETag = state.ETag, RecordExists = true };
        await Storage.WriteStateAsync(StateName, id, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, id, stale));
    }

    [Fact]
    public async Task Clear_ThenRead_GivesNoRecordButKeepsTheVersionLine()
    {
        var id = NewGuidId();
        var state = new GrainState<TestJobState>(new TestJobState { Name = "x" });
        await Storage.WriteStateAsync(StateName, id, state);

        await Storage.ClearStateAsync(StateName, id, state);
        Assert.Equal(("2", false), (state.ETag, state.RecordExists));

        var read = new GrainState<TestJobState>();
        await Storage.ReadStateAsync(StateName, id, read);
        Assert.Equal(("2", false, string.Empty), (read.ETag, read.RecordExists, read.State!.Name));

        // A copy that never saw the clear still conflicts, and the reader of the cleared row can write on.
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            Storage.WriteStateAsync(StateName, id, new GrainState<TestJobState>(new TestJobState()) { ETag = "1" }));
        read.State!.Name = "after clear";
        await Storage.WriteStateAsync(StateName, id, read);
        Assert.Equal("3", read.ETag);
    }

    [Fact]
    public async Task Delete_RemovesTheRow_AndAFreshInsertStartsAtOne()
    {
        var id = NewGuidId();
        var state = new GrainState<TestJobState>(new TestJobState { Name = "x" });
        await DeletingStorage.WriteStateAsync(StateName, id, state);
        await DeletingStorage.WriteStateAsync(StateName, id, state);

        await DeletingStorage.ClearStateAsync(StateName, id, state);

        Assert.Equal((null, false), (state.ETag, state.RecordExists));
        var read = new GrainState<TestJobState>();
        await DeletingStorage.ReadStateAsync(StateName, id, read);
        Assert.Equal((null, false), (read.ETag, read.RecordExists));
        await DeletingStorage.WriteStateAsync(StateName, id, read);
        Assert.Equal("1", read.ETag);
    }

    [Fact]
    public async Task Delete_WithStaleETag_Throws()
    {
        var id = NewGuidId();
        var state = new GrainState<TestJobState>(new TestJobState { Name = "x" });
        await DeletingStorage.WriteStateAsync(StateName, id, state);
        var stale = new GrainState<TestJobState>(new TestJobState()) { ETag = state.ETag, RecordExists = true };
        await DeletingStorage.WriteStateAsync(StateName, id, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => DeletingStorage.ClearStateAsync(StateName, id, stale));
    }

    [Fact]
    public async Task GuidIntegerAndStringKeys_WithAndWithoutExtensions_AreSeparateRows()
    {
        var guid = Guid.NewGuid();
        var number = Random.Shared.NextInt64();
        GrainId[] ids =
        [
            GrainId.Create(TestGrainType, GrainIdKeyExtensions.CreateGuidKey(guid)),
            GrainId.Create(TestGrainType, GrainIdKeyExtensions.CreateGuidKey(guid, "left")),
            GrainId.Create(TestGrainType, GrainIdKeyExtensions.CreateGuidKey(guid, "right")),
            GrainId.Create(TestGrainType, GrainIdKeyExtensions.CreateIntegerKey(number)),
            GrainId.Create(TestGrainType, GrainIdKeyExtensions.CreateIntegerKey(number, "ext")),
            GrainId.Create(TestGrainType, "plain-string-key-" + guid.ToString("N")),
        ];

        for (var i = 0; i < ids.Length; i++)
        {
            await Storage.WriteStateAsync(StateName, ids[i], new GrainState<TestJobState>(new TestJobState { Name = $"row {i}" }));
        }

        for (var i = 0; i < ids.Length; i++)
        {
            var read = new GrainState<TestJobState>();
            await Storage.ReadStateAsync(StateName, ids[i], read);
            Assert.Equal(($"row {i}", "1"), (read.State!.Name, read.ETag));
        }
    }

    [Fact]
    public async Task SameKey_UnderDifferentStateNames_AreSeparateRows()
    {
        var id = NewGuidId();
        await Storage.WriteStateAsync("first-name", id, new GrainState<TestJobState>(new TestJobState { Name = "one" }));
        await Storage.WriteStateAsync("second-name", id, new GrainState<TestJobState>(new TestJobState { Name = "two" }));

        var read = new GrainState<TestJobState>();
        await Storage.ReadStateAsync("first-name", id, read);
        Assert.Equal("one", read.State!.Name);
    }

    [Fact]
    public void JsonSerializer_IsChosenPerStorage_LeavingTheSiloDefaultAlone()
    {
        var services = fixture.Cluster.GetSiloServiceProvider();

        Assert.IsType<SystemTextJsonGrainStorageSerializer>(services.GetRequiredKeyedService<IGrainStorageSerializer>(GrainStorageCluster.StorageName));
        Assert.IsType<SystemTextJsonGrainStorageSerializer>(services.GetRequiredKeyedService<IGrainStorageSerializer>(GrainStorageCluster.DeletingStorageName));
        Assert.IsNotType<SystemTextJsonGrainStorageSerializer>(services.GetRequiredService<IGrainStorageSerializer>());
    }

    private static GrainId NewGuidId() => GrainId.Create(TestGrainType, GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid()));
}
