namespace WhatsTheTab.Storage.Tests.GrainState;

/// <summary>Same storage and state name as <see cref="StateTestGrain"/>, state type <see cref="RenamedJobState"/>.</summary>
public sealed class RenamedStateTestGrain([PersistentState("state", GrainStorageCluster.StorageName)] IPersistentState<RenamedJobState> state)
    : Grain, IRenamedStateTestGrain
{
    public Task<RenamedJobState> GetAsync() => Task.FromResult(state.State);
}
