using Orleans.Concurrency;
using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Grains.Jobs;

/// <summary>
/// The job listing and the idempotency-key reservations (the <see cref="IJobCatalogGrain"/>): a stateless worker in
/// front of <see cref="RedisJobIndex"/>, so every web silo answers locally and no single activation or growing state row
/// stands between a job's change and its listing.
/// </summary>
[GrainType("whatsthetab.job-catalog")]
[StatelessWorker]
public sealed class JobCatalogGrain : Grain, IJobCatalogGrain
{
    /// <summary>The largest page <see cref="ListAsync"/> returns.</summary>
    public const int MaxPageSize = 200;

    private readonly RedisJobIndex _index;
    private readonly TimeProvider _clock;

    public JobCatalogGrain(RedisJobIndex index, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(services);
        _index = index;
        _clock = GrainClock.Resolve(services);
    }

    /// <inheritdoc />
    public Task RecordAsync(JobListEntry entry, long version) => _index.RecordAsync(entry, version);

    /// <inheritdoc />
    public Task<JobPage> ListAsync(JobStatus? status, string? owner, int offset, int limit) =>
        _index.ListAsync(status, owner, Math.Max(0, offset), Math.Clamp(limit, 1, MaxPageSize));

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<JobStatus, int>> CountsAsync() => _index.CountsAsync();

    /// <inheritdoc />
    public Task<IdempotencyReservation?> ReserveIdempotencyKeyAsync(string? owner, string key, string requestFingerprint, Guid jobId) =>
        _index.ReserveIdempotencyKeyAsync(owner, key, requestFingerprint, jobId, _clock.GetUtcNow());
}
