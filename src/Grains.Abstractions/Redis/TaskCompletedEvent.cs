using System.Text.Json.Serialization;

namespace WhatsTheTab.Grains.Abstractions.Redis;

/// <summary>Payload of <c>task:completed</c>: the worker that owned the task acknowledged it; its id is also in <c>task:results</c>.</summary>
/// <param name="TaskId">The task id.</param>
/// <param name="WorkerId">The worker that completed it.</param>
/// <param name="Attempt">The attempt that completed it.</param>
/// <param name="CompletedAtUnixMs">When it was acknowledged, Unix milliseconds.</param>
[GenerateSerializer, Immutable, Alias("whatsthetab.redis.task-completed")]
public sealed record TaskCompletedEvent(
    [property: Id(0), JsonPropertyName("task_id")] string TaskId,
    [property: Id(1), JsonPropertyName("worker_id")] string WorkerId,
    [property: Id(2), JsonPropertyName("attempt")] int Attempt,
    [property: Id(3), JsonPropertyName("completed_at")] long CompletedAtUnixMs);
