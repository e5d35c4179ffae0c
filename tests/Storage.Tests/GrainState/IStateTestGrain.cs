namespace WhatsTheTab.Storage.Tests.GrainState;

/// <summary>A grain that keeps <see cref="TestJobState"/> in grain storage and exposes what the storage did.</summary>
[Alias("storage-tests.IStateTestGrain")]
public interface IStateTestGrain : IGrainWithGuidKey
{
    Task<TestJobState> GetAsync();

    Task SetAsync(string name, TestJobStatus status, int chunks);

    Task ClearAsync();

    /// <summary>The ETag and whether a record exists, as the storage reported them.</summary>
    Task<(string? ETag, bool RecordExists)> GetStorageInfoAsync();
}
