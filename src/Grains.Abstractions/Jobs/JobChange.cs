namespace WhatsTheTab.Grains.Abstractions.Jobs;

/// <summary>A notification to watchers: the event ("claimed", "progress", "completed", "failed", "cancelled", "requeued", "submitted", "retried") and the job after it.</summary>
[GenerateSerializer, Immutable, Alias("whatsthetab.job-change")]
public sealed record JobChange(
    [property: Id(0)] string Event,
    [property: Id(1)] JobSnapshot Job);
