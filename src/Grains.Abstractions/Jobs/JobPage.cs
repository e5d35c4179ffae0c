namespace WhatsTheTab.Grains.Abstractions.Jobs;

/// <summary>One page of a job listing, newest first, with the total that matched the filter.</summary>
[GenerateSerializer, Immutable, Alias("whatsthetab.job-page")]
public sealed record JobPage(
    [property: Id(0)] IReadOnlyList<JobListEntry> Items,
    [property: Id(1)] int Total,
    [property: Id(2)] int Offset,
    [property: Id(3)] int Limit);
