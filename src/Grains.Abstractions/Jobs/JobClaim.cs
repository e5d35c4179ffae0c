namespace WhatsTheTab.Grains.Abstractions.Jobs;

/// <summary>A worker took the job off the queue (attempt number from the queue's task hash).</summary>
[GenerateSerializer, Immutable, Alias("whatsthetab.job-claim")]
public sealed record JobClaim(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] int Attempt,
    [property: Id(2)] DateTimeOffset ClaimedAt);
