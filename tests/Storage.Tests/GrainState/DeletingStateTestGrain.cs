namespace WhatsTheTab.Storage.Tests.GrainState;

/// <summary>Keeps its state in storage <c>jobs-delete</c> (DeleteStateOnClear) under state name <c>deleting</c>; string-keyed.</summary>
public sealed class DeletingStateTestGrain([PersistentState("deleting", GrainStorageCluster.DeletingStorageName)] IPersistentState<TestJobState> state)
    : Grain, IDeletingStateTestGrain
{
    public async Task SetAsync(string name)
    {
        state.State.Name = name;
        await state.WriteStateAsync();
    }

    public Task ClearAsync() => state.ClearStateAsync();

    public Task<(string Name, string? ETag, bool RecordExists)> GetAsync() => Task.FromResult((state.State.Name, state.Etag, state.RecordExists));
}
