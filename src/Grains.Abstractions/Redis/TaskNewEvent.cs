using System.Text.Json.Serialization;

namespace WhatsTheTab.Grains.Abstractions.Redis;

/// <summary>Payload of <c>task:new</c>: a task is waiting in <c>task:queue</c>. Only a wake-up call: a worker acts on the id it claims, never on this one.</summary>
/// <param name="TaskId">The task id.</param>
/// <param name="EnqueuedAtUnixMs">When it was (re)queued, Unix milliseconds.</param>
[GenerateSerializer, Immutable, Alias("whatsthetab.redis.task-new")]
public sealed record TaskNewEvent(
    [property: Id(0), JsonPropertyName("task_id")] string TaskId,
    [property: Id(1), JsonPropertyName("enqueued_at")] long EnqueuedAtUnixMs);
