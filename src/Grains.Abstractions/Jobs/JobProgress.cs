namespace WhatsTheTab.Grains.Abstractions.Jobs;

/// <summary><paramref name="Chunk"/> of <paramref name="TotalChunks"/> windows are through the network on <paramref name="WorkerId"/>.</summary>
[GenerateSerializer, Immutable, Alias("whatsthetab.job-progress")]
public sealed record JobProgress(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] int Chunk,
    [property: Id(2)] int TotalChunks);
