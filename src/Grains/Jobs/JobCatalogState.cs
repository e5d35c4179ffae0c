namespace WhatsTheTab.Grains.Jobs;

/// <summary>What <see cref="JobCatalogGrain"/> persists (storage name "jobs", state name "catalog").</summary>
[GenerateSerializer, Alias("whatsthetab.job-catalog-state")]
public sealed class JobCatalogState
{
    /// <summary>Every listed job by id, with the version of the change that last updated it.</summary>
    [Id(0)] public Dictionary<Guid, JobCatalogEntry> Jobs { get; set; } = [];

    /// <summary>Idempotency keys by <see cref="JobCatalogGrain.ReservationKey"/>.</summary>
    [Id(1)] public Dictionary<string, IdempotencyRecord> IdempotencyKeys { get; set; } = new(StringComparer.Ordinal);
}
