using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Grains.Jobs;

/// <summary>A listed job and the job version it was recorded at (an older version never overwrites a newer one).</summary>
[GenerateSerializer, Immutable, Alias("whatsthetab.job-catalog-entry")]
public sealed record JobCatalogEntry(
    [property: Id(0)] JobListEntry Entry,
    [property: Id(1)] long Version);
