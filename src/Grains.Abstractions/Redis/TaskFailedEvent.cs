using System.Text.Json.Serialization;

namespace WhatsTheTab.Grains.Abstractions.Redis;

/// <summary>
/// Payload of <c>task:failed</c>: an attempt ended without a result. When <see cref="Permanent"/> is true the task is in
/// the dead letter list and will not run again unless retried by hand; otherwise it was requeued (at once, or at
/// <see cref="RetryAtUnixMs"/> after a back-off).
/// </summary>
/// <param name="TaskId">The task id.</param>
/// <param name="WorkerId">The worker whose attempt failed; empty when the failure was not tied to a worker.</param>
/// <param name="Error">The reason, readable by a person.</param>
/// <param name="Permanent">True when the task was dead-lettered and will not be retried.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="FailedAtUnixMs">When it happened, Unix milliseconds.</param>
/// <param name="RetryAtUnixMs">When a delayed retry becomes due, Unix milliseconds; null when permanent or requeued at once.</param>
[GenerateSerializer, Immutable, Alias("whatsthetab.redis.task-failed")]
public sealed record TaskFailedEvent(
    [property: Id(0), JsonPropertyName("task_id")] string TaskId,
    [property: Id(1), JsonPropertyName("worker_id")] string WorkerId,
    [property: Id(2), JsonPropertyName("error")] string Error,
    [property: Id(3), JsonPropertyName("permanent")] bool Permanent,
    [property: Id(4), JsonPropertyName("attempts")] int Attempts,
    [property: Id(5), JsonPropertyName("failed_at")] long FailedAtUnixMs,
    [property: Id(6), JsonPropertyName("retry_at")] long? RetryAtUnixMs);
