using System.Text.Json.Serialization;

namespace WhatsTheTab.Grains.Abstractions.Redis;

/// <summary>Payload of <c>task:progress:{id}</c>: the owning worker finished chunk <see cref="Chunk"/> of <see cref="Total"/>.</summary>
/// <param name="TaskId">The task id.</param>
/// <param name="WorkerId">The worker that reported it.</param>
/// <param name="Chunk">Chunks done so far (1-based count).</param>
/// <param name="Total">Chunks in all.</param>
/// <param name="ReportedAtUnixMs">When it was reported, Unix milliseconds.</param>
[GenerateSerializer, Immutable, Alias("whatsthetab.redis.task-progress")]
public sealed record TaskProgressEvent(
    [property: Id(0), JsonPropertyName("task_id")] string TaskId,
    [property: Id(1), JsonPropertyName("worker_id")] string WorkerId,
    [property: Id(2), JsonPropertyName("chunk")] int Chunk,
    [property: Id(3), JsonPropertyName("total")] int Total,
    [property: Id(4), JsonPropertyName("reported_at")] long ReportedAtUnixMs);
