using System.Text.Json.Serialization;

namespace WhatsTheTab.Grains.Abstractions.Redis;

/// <summary>Payload of <c>task:claimed</c>: a worker took a task and holds its lease.</summary>
/// <param name="TaskId">The task id.</param>
/// <param name="WorkerId">The worker that claimed it.</param>
/// <param name="Attempt">The attempt number this claim starts (1 for the first).</param>
/// <param name="ClaimedAtUnixMs">When it was claimed, Unix milliseconds.</param>
/// <param name="LeaseDeadlineUnixMs">When the lease runs out unless renewed, Unix milliseconds.</param>
[GenerateSerializer, Immutable, Alias("whatsthetab.redis.task-claimed")]
public sealed record TaskClaimedEvent(
    [property: Id(0), JsonPropertyName("task_id")] string TaskId,
    [property: Id(1), JsonPropertyName("worker_id")] string WorkerId,
    [property: Id(2), JsonPropertyName("attempt")] int Attempt,
    [property: Id(3), JsonPropertyName("claimed_at")] long ClaimedAtUnixMs,
    [property: Id(4), JsonPropertyName("lease_deadline")] long LeaseDeadlineUnixMs);
