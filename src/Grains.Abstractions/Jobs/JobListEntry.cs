namespace WhatsTheTab.Grains.Abstractions.Jobs;

/// <summary>A job as the catalog lists it.</summary>
[GenerateSerializer, Immutable, Alias("whatsthetab.job-list-entry")]
public sealed record JobListEntry(
    [property: Id(0)] Guid Id,
    [property: Id(1)] JobStatus Status,
    [property: Id(2)] string FileName,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] string? Owner);
