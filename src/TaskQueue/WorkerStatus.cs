namespace WhatsTheTab.TaskQueue;

/// <summary>A live worker as its heartbeat describes it.</summary>
/// <param name="WorkerId">The worker id (the part after <c>worker:</c>).</param>
/// <param name="Host">The host or pod name.</param>
/// <param name="Device">The compute device.</param>
/// <param name="CurrentTask">The task being worked on; null when idle.</param>
/// <param name="Completed">Tasks completed since start.</param>
/// <param name="Failed">Tasks failed since start.</param>
/// <param name="StartedAt">When the worker started.</param>
/// <param name="LastSeen">When the last heartbeat was written.</param>
/// <param name="TimeToLive">How long until the heartbeat expires unless renewed.</param>
public sealed record WorkerStatus(
    string WorkerId,
    string Host,
    string Device,
    string? CurrentTask,
    long Completed,
    long Failed,
    DateTimeOffset? StartedAt,
    DateTimeOffset? LastSeen,
    TimeSpan? TimeToLive);
