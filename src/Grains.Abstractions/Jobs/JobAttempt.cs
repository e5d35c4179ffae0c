namespace WhatsTheTab.Grains.Abstractions.Jobs;

/// <summary>One run of a job on a worker: when it started and ended, and how ("completed", "failed: …", "requeued: …").</summary>
[GenerateSerializer, Immutable, Alias("whatsthetab.job-attempt")]
public sealed record JobAttempt(
    [property: Id(0)] int Number,
    [property: Id(1)] string WorkerId,
    [property: Id(2)] DateTimeOffset StartedAt,
    [property: Id(3)] DateTimeOffset? EndedAt,
    [property: Id(4)] string? Outcome);
