using Orleans.Storage;

namespace WhatsTheTab.Storage.Tests.GrainState;

/// <summary>Grains persisting through Orleans' AdoNetGrainStorage on the project's own PostgreSQL SQL.</summary>
public sealed class GrainPersistenceTests(GrainStorageCluster fixture) : IClassFixture<GrainStorageCluster>
{
    [Fact]
    public async Task WrittenState_AfterDeactivation_IsReadBack()
    {
        var grain = fixture.Client.GetGrain<IStateTestGrain>(Guid.NewGuid());
        await grain.SetAsync("song.wav", TestJobStatus.Running, 7);

        await fixture.Cluster.DeactivateAsync(grain);
        var state = await grain.GetAsync();

        Assert.Equal("song.wav", state.Name);
        Assert.Equal(TestJobStatus.Running, state.Status);
        Assert.Equal(7, state.Chunks);
        Assert.Equal(["song.wav"], state.Tags);
        Assert.Equal(("1", true), await grain.GetStorageInfoAsync());
    }

    [Fact]
    public async Task WrittenState_AfterTheWholeClusterRestarts_IsReadBack()
    {
        var key = Guid.NewGuid();
        var serviceId = "restart-" + Guid.NewGuid().ToString("N")[..8];
        await using (var first = await GrainStorageCluster.DeployAsync(fixture.ConnectionString, serviceId))
        {
            var grain = first.Client.GetGrain<IStateTestGrain>(key);
            await grain.SetAsync("a", TestJobStatus.Pending, 1);
            await grain.SetAsync("b", TestJobStatus.Done, 2);
        }

        await using var second = await GrainStorageCluster.DeployAsync(fixture.ConnectionString, serviceId);
        var state = await second.Client.GetGrain<IStateTestGrain>(key).GetAsync();

        Assert.Equal("b", state.Name);
        Assert.Equal(TestJobStatus.Done, state.Status);
        Assert.Equal(["a", "b"], state.Tags);
    }

    [Fact]
    public async Task Write_AfterAnotherWriterMovedTheVersion_ThrowsInconsistentStateException_AndTheNextActivationRecovers()
    {
        var grain = fixture.Client.GetGrain<IStateTestGrain>(Guid.NewGuid());
        await grain.SetAsync("first", TestJobStatus.Pending, 0);
        await GrainStateRows.BumpVersionsAsync(fixture.ConnectionString, fixture.ServiceId, "state");

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.SetAsync("stale", TestJobStatus.Running, 1));

        // Orleans deactivates a grain after InconsistentStateException; the next call reads the current row and can write.
        await fixture.Cluster.DeactivateAsync(grain);
        await grain.SetAsync("fresh", TestJobStatus.Running, 2);
        Assert.Equal("fresh", (await grain.GetAsync()).Name);
        Assert.Equal("3", (await grain.GetStorageInfoAsync()).ETag);
    }

    [Fact]
    public async Task Clear_KeepsARowWithoutPayload_AndAFreshActivationSeesNoRecord()
    {
        var key = Guid.NewGuid();
        var grain = fixture.Client.GetGrain<IStateTestGrain>(key);
        await grain.SetAsync("to clear", TestJobStatus.Done, 3);

        await grain.ClearAsync();
        await fixture.Cluster.DeactivateAsync(grain);

        var state = await grain.GetAsync();
        Assert.Equal(string.Empty, state.Name);
        Assert.Empty(state.Tags);
        Assert.Equal(("2", false), await grain.GetStorageInfoAsync());
        Assert.Null(await GrainStateRows.PayloadAsync(fixture.ConnectionString, fixture.ServiceId, "state", key));

        await grain.SetAsync("again", TestJobStatus.Pending, 0);
        Assert.Equal(("3", true), await grain.GetStorageInfoAsync());
    }

    [Fact]
    public async Task Clear_WithDeleteStateOnClear_RemovesTheRow_AndTheGrainCanWriteAgain()
    {
        var grain = fixture.Client.GetGrain<IDeletingStateTestGrain>("job-" + Guid.NewGuid().ToString("N"));
        await grain.SetAsync("kept for a while");
        var before = await GrainStateRows.CountAsync(fixture.ConnectionString, fixture.ServiceId, "deleting");

        await grain.ClearAsync();

        Assert.Equal(before - 1, await GrainStateRows.CountAsync(fixture.ConnectionString, fixture.ServiceId, "deleting"));
        Assert.Equal((string.Empty, null, false), await grain.GetAsync());
        await grain.SetAsync("new life");
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal(("new life", "1", true), await grain.GetAsync());
    }

    [Fact]
    public async Task StoredPayload_IsPlainJsonWithoutTypeNames_AndEnumsAsNames()
    {
        var key = Guid.NewGuid();
        await fixture.Client.GetGrain<IStateTestGrain>(key).SetAsync("readable", TestJobStatus.Running, 4);

        using var payload = await GrainStateRows.PayloadAsync(fixture.ConnectionString, fixture.ServiceId, "state", key);

        Assert.NotNull(payload);
        var root = payload.RootElement;
        Assert.Equal("readable", root.GetProperty("Name").GetString());
        Assert.Equal("Running", root.GetProperty("Status").GetString());
        Assert.Equal(4, root.GetProperty("Chunks").GetInt32());
        Assert.DoesNotContain("$type", root.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(TestJobState), root.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StateWrittenAsOneType_IsReadByARenamedType()
    {
        var key = Guid.NewGuid();
        await fixture.Client.GetGrain<IStateTestGrain>(key).SetAsync("renamed", TestJobStatus.Done, 9);

        var renamed = await fixture.Client.GetGrain<IRenamedStateTestGrain>(key).GetAsync();

        Assert.Equal("renamed", renamed.Name);
        Assert.Equal(TestJobStatus.Done, renamed.Status);
        Assert.Equal(9, renamed.Chunks);
    }
}
