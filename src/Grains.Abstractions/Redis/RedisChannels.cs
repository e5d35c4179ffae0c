namespace WhatsTheTab.Grains.Abstractions.Redis;

/// <summary>
/// The pub/sub channel names of the task queue, defined once. Payloads are the JSON records in this namespace
/// (<see cref="TaskNewEvent"/>, <see cref="TaskClaimedEvent"/>, …). Pub/sub is a notification, never the only record.
/// </summary>
public sealed class RedisChannels
{
    /// <summary>The seed's names, unprefixed.</summary>
    public static RedisChannels Seed { get; } = new(string.Empty);

    /// <summary>Creates the channel set with <paramref name="prefix"/> in front of every name (empty for the seed's names).</summary>
    public RedisChannels(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        New = prefix + "task:new";
        Claimed = prefix + "task:claimed";
        ProgressPrefix = prefix + "task:progress:";
        ProgressPattern = ProgressPrefix + "*";
        Completed = prefix + "task:completed";
        Failed = prefix + "task:failed";
    }

    /// <summary><c>task:new</c>: a task was enqueued (or handed back, or became due); wakes waiting workers early.</summary>
    public string New { get; }

    /// <summary><c>task:claimed</c>: a worker took a task.</summary>
    public string Claimed { get; }

    /// <summary><c>task:progress:</c>: the prefix of the per-task progress channels.</summary>
    public string ProgressPrefix { get; }

    /// <summary><c>task:progress:*</c>: the pattern matching every task's progress channel.</summary>
    public string ProgressPattern { get; }

    /// <summary><c>task:completed</c>: a task finished and was acknowledged by the worker that owned it.</summary>
    public string Completed { get; }

    /// <summary><c>task:failed</c>: an attempt failed; <see cref="TaskFailedEvent.Permanent"/> tells whether it will be retried.</summary>
    public string Failed { get; }

    /// <summary><c>task:progress:{id}</c>: chunk progress of one task.</summary>
    public string Progress(string taskId)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        return ProgressPrefix + taskId;
    }
}
