namespace WhatsTheTab.Grains.Abstractions.Jobs;

/// <summary>A failed attempt: permanent failures (undecodable audio, over limits) end the job; transient ones are retried by the queue.</summary>
[GenerateSerializer, Immutable, Alias("whatsthetab.job-failure")]
public sealed record JobFailure(
    [property: Id(0)] string? WorkerId,
    [property: Id(1)] string Reason,
    [property: Id(2)] bool Permanent);
