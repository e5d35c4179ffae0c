namespace WhatsTheTab.TaskQueue;

/// <summary>A snapshot of one <c>task:{id}</c> hash and its lease.</summary>
/// <param name="Id">The task id.</param>
/// <param name="Payload">The payload given at enqueue time.</param>
/// <param name="Status">One of the <c>TaskHashStatus</c> values (empty when a raw producer wrote none).</param>
/// <param name="Attempts">Claims so far.</param>
/// <param name="Worker">The owning worker while processing; null otherwise.</param>
/// <param name="CreatedAt">When it was first enqueued.</param>
/// <param name="ClaimedAt">When the current or last attempt was claimed.</param>
/// <param name="UpdatedAt">When the hash last changed.</param>
/// <param name="Error">The reason of the last failure or requeue.</param>
/// <param name="CurrentChunk">The last reported chunk.</param>
/// <param name="TotalChunks">The reported number of chunks.</param>
/// <param name="RetryAt">When a delayed retry is due.</param>
/// <param name="LeaseDeadline">The lease deadline in <c>task:processing:time</c>, when there is one.</param>
/// <param name="TimeToLive">The hash's remaining TTL; null when it does not expire.</param>
public sealed record TaskRecord(
    string Id,
    string Payload,
    string Status,
    int Attempts,
    string? Worker,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? ClaimedAt,
    DateTimeOffset? UpdatedAt,
    string? Error,
    int CurrentChunk,
    int TotalChunks,
    DateTimeOffset? RetryAt,
    DateTimeOffset? LeaseDeadline,
    TimeSpan? TimeToLive);
