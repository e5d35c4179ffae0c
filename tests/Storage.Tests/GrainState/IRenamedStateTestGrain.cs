namespace WhatsTheTab.Storage.Tests.GrainState;

/// <summary>Reads the rows <see cref="StateTestGrain"/> writes, through a differently named state type.</summary>
[Alias("storage-tests.IRenamedStateTestGrain")]
public interface IRenamedStateTestGrain : IGrainWithGuidKey
{
    Task<RenamedJobState> GetAsync();
}
