namespace WhatsTheTab.Grains.Abstractions.Redis;

/// <summary>Field names of the <c>task:{id}</c> hash. Times are Unix milliseconds written as decimal strings.</summary>
public static class TaskHashFields
{
    /// <summary>The opaque payload given at enqueue time.</summary>
    public const string Payload = "payload";

    /// <summary>One of <see cref="TaskHashStatus"/>.</summary>
    public const string Status = "status";

    /// <summary>How many times the task was claimed (a hand-back gives its attempt back).</summary>
    public const string Attempts = "attempts";

    /// <summary>The worker that owns the task while it is processing; absent otherwise.</summary>
    public const string Worker = "worker";

    /// <summary>When the task was first enqueued.</summary>
    public const string CreatedAt = "created_at";

    /// <summary>When the current (or last) attempt was claimed.</summary>
    public const string ClaimedAt = "claimed_at";

    /// <summary>When the hash last changed.</summary>
    public const string UpdatedAt = "updated_at";

    /// <summary>The reason of the last failure or requeue.</summary>
    public const string Error = "error";

    /// <summary>The last chunk reported by the worker.</summary>
    public const string CurrentChunk = "current_chunk";

    /// <summary>The number of chunks the worker reported.</summary>
    public const string TotalChunks = "total_chunks";

    /// <summary>When a delayed retry becomes due (only while the status is <see cref="TaskHashStatus.Delayed"/>).</summary>
    public const string RetryAt = "retry_at";
}
