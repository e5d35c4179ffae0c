namespace WhatsTheTab.Grains.Abstractions.Redis;

/// <summary>
/// The Redis key names of the task queue, defined once. <see cref="Seed"/> holds the seed service's exact names
/// (<c>task:queue</c>, <c>task:processing</c>, …); an instance with a prefix isolates several deployments or test
/// runs that share one Redis server.
/// </summary>
public sealed class RedisKeys
{
    /// <summary>The seed's names, unprefixed: what a worker written against the seed uses.</summary>
    public static RedisKeys Seed { get; } = new(string.Empty);

    /// <summary>Creates the key set with <paramref name="prefix"/> in front of every name (empty for the seed's names).</summary>
    public RedisKeys(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        Prefix = prefix;
        Queue = prefix + "task:queue";
        Processing = prefix + "task:processing";
        ProcessingDeadlines = prefix + "task:processing:time";
        Failed = prefix + "task:failed";
        Results = prefix + "task:results";
        Delayed = prefix + "task:delayed";
        TaskPrefix = prefix + "task:";
        WorkerPrefix = prefix + "worker:";
        JobsAll = prefix + "jobs:all";
        JobEntryPrefix = prefix + "jobs:entry:";
        JobStatusPrefix = prefix + "jobs:status:";
        JobOwnerPrefix = prefix + "jobs:owner:";
        IdempotencyPrefix = prefix + "jobs:idempotency:";
    }

    /// <summary>The prefix in front of every name; empty for the seed's names.</summary>
    public string Prefix { get; }

    /// <summary><c>task:queue</c> (LIST): pending ids; producers push right, consumers take left (first in, first out).</summary>
    public string Queue { get; }

    /// <summary><c>task:processing</c> (LIST): claimed ids.</summary>
    public string Processing { get; }

    /// <summary><c>task:processing:time</c> (ZSET): id → lease deadline in Unix milliseconds.</summary>
    public string ProcessingDeadlines { get; }

    /// <summary><c>task:failed</c> (LIST): the dead letter list.</summary>
    public string Failed { get; }

    /// <summary><c>task:results</c> (LIST): completed ids not yet applied to their grain (catch-up).</summary>
    public string Results { get; }

    /// <summary><c>task:delayed</c> (ZSET): id → due time in Unix milliseconds of a transient failure's retry.</summary>
    public string Delayed { get; }

    /// <summary><c>task:</c>: the prefix of every per-task hash key.</summary>
    public string TaskPrefix { get; }

    /// <summary><c>worker:</c>: the prefix of every worker heartbeat key.</summary>
    public string WorkerPrefix { get; }

    /// <summary><c>jobs:all</c> (ZSET): the job listing, id → creation time in Unix milliseconds.</summary>
    public string JobsAll { get; }

    /// <summary><c>jobs:entry:</c>: the prefix of every listed job's HASH (version, status, file name, creation time, owner).</summary>
    public string JobEntryPrefix { get; }

    /// <summary><c>jobs:status:</c>: the prefix of the per-status listings (ZSET, as <see cref="JobsAll"/>), by wire status name.</summary>
    public string JobStatusPrefix { get; }

    /// <summary><c>jobs:owner:</c>: the prefix of the per-owner listings, <c>jobs:owner:{length}:{owner}</c> and <c>jobs:owner:{length}:{owner}:status:{status}</c>.</summary>
    public string JobOwnerPrefix { get; }

    /// <summary><c>jobs:idempotency:</c>: the prefix of the Idempotency-Key reservations (HASH with a TTL).</summary>
    public string IdempotencyPrefix { get; }

    /// <summary><c>task:{id}</c> (HASH): the task's record; fields in <see cref="TaskHashFields"/>.</summary>
    public string Task(string taskId)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        return TaskPrefix + taskId;
    }

    /// <summary><c>worker:{id}</c> (HASH with a TTL): the worker's heartbeat; fields in <see cref="WorkerHashFields"/>.</summary>
    public string Worker(string workerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        return WorkerPrefix + workerId;
    }
}
