namespace WhatsTheTab.Grains.Abstractions.Jobs;

/// <summary>
/// The list of jobs for <c>GET /api/jobs</c> (one instance, key 0): every job grain records itself here on each status
/// change. Also maps <c>Idempotency-Key</c> headers to the job they created.
/// </summary>
[Alias("whatsthetab.job-catalog-grain")]
public interface IJobCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or updates a job's entry (idempotent; an older status never overwrites a newer one).</summary>
    [Alias("record")]
    Task RecordAsync(JobListEntry entry, long version);

    /// <summary>A page of jobs, newest first, optionally only one status and/or one owner.</summary>
    [Alias("list")]
    Task<JobPage> ListAsync(JobStatus? status, string? owner, int offset, int limit);

    /// <summary>Counts per status (for metrics and back-pressure).</summary>
    [Alias("counts")]
    Task<IReadOnlyDictionary<JobStatus, int>> CountsAsync();

    /// <summary>
    /// Reserves an idempotency key for (owner, key): returns the job already created with it and that request's
    /// fingerprint, or reserves it for <paramref name="jobId"/> with <paramref name="requestFingerprint"/> and returns null.
    /// </summary>
    [Alias("reserve-idempotency-key")]
    Task<IdempotencyReservation?> ReserveIdempotencyKeyAsync(string? owner, string key, string requestFingerprint, Guid jobId);
}
