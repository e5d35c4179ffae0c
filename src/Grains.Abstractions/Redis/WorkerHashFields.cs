namespace WhatsTheTab.Grains.Abstractions.Redis;

/// <summary>Field names of the <c>worker:{id}</c> heartbeat hash (the key carries a TTL; its absence means the worker is gone).</summary>
public static class WorkerHashFields
{
    /// <summary>The host name (or pod name) the worker runs on.</summary>
    public const string Host = "host";

    /// <summary>The compute device, e.g. <c>cuda:0</c> or <c>cpu</c>.</summary>
    public const string Device = "device";

    /// <summary>The task id the worker is working on; empty when idle.</summary>
    public const string CurrentTask = "current_task";

    /// <summary>Tasks completed since the worker started.</summary>
    public const string Completed = "completed";

    /// <summary>Tasks failed since the worker started.</summary>
    public const string Failed = "failed";

    /// <summary>When the worker process started (Unix milliseconds).</summary>
    public const string StartedAt = "started_at";

    /// <summary>When the last heartbeat was written (Unix milliseconds).</summary>
    public const string LastSeen = "last_seen";
}
