namespace WhatsTheTab.Storage.Tests.GrainState;

/// <summary>Keeps its state in storage <c>jobs</c> (rows stay on clear) under state name <c>state</c>.</summary>
public sealed class StateTestGrain([PersistentState("state", GrainStorageCluster.StorageName)] IPersistentState<TestJobState> state)
    : Grain, IStateTestGrain
{
    public Task<TestJobState> GetAsync() => Task.FromResult(state.State);

    public async Task SetAsync(string name, TestJobStatus status, int chunks)
    {
        state.State.Name = name;
        state.State.Status = status;
        state.State.Chunks = chunks;
        state.State.Tags.Add(name);
        await state.WriteStateAsync();
    }

    public Task ClearAsync() => state.ClearStateAsync();

    public Task<(string? ETag, bool RecordExists)> GetStorageInfoAsync() => Task.FromResult((state.Etag, state.RecordExists));
}
