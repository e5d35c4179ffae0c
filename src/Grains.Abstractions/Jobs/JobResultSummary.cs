namespace WhatsTheTab.Grains.Abstractions.Jobs;

/// <summary>What a result holds, for status pages and listings.</summary>
[GenerateSerializer, Immutable, Alias("whatsthetab.job-result-summary")]
public sealed record JobResultSummary(
    [property: Id(0)] int NoteCount,
    [property: Id(1)] int? LowestPitch,
    [property: Id(2)] int? HighestPitch,
    [property: Id(3)] double AudioSeconds,
    [property: Id(4)] double ProcessingSeconds);
