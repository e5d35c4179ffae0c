namespace WhatsTheTab.Grains.Abstractions.Jobs;

/// <summary>
/// The answer to a state-changing call: <see cref="Applied"/> when it changed the job, otherwise why not (a duplicate,
/// a late call from a worker that lost its lease, or an illegal move). Never an exception for those cases.
/// </summary>
[GenerateSerializer, Immutable, Alias("whatsthetab.transition-result")]
public sealed record TransitionResult(
    [property: Id(0)] bool Applied,
    [property: Id(1)] JobStatus Status,
    [property: Id(2)] string? Reason)
{
    public static TransitionResult Changed(JobStatus status) => new(true, status, null);

    public static TransitionResult Unchanged(JobStatus status, string reason) => new(false, status, reason);
}
