namespace WhatsTheTab.Storage.Tests.GrainState;

/// <summary>A grain whose storage deletes the row when its state is cleared.</summary>
[Alias("storage-tests.IDeletingStateTestGrain")]
public interface IDeletingStateTestGrain : IGrainWithStringKey
{
    Task SetAsync(string name);

    Task ClearAsync();

    Task<(string Name, string? ETag, bool RecordExists)> GetAsync();
}
