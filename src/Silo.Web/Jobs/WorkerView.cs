using WhatsTheTab.TaskQueue;

namespace WhatsTheTab.Silo.Web.Jobs;

/// <summary>A live GPU worker as <c>GET /api/workers</c> shows it (from its heartbeat).</summary>
public sealed record WorkerView(
    string WorkerId,
    string Host,
    string Device,
    string? CurrentTask,
    long Completed,
    long Failed,
    DateTimeOffset? StartedAt,
    DateTimeOffset? LastSeen,
    double? HeartbeatExpiresInSeconds)
{
    public static WorkerView From(WorkerStatus worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        return new WorkerView(
            worker.WorkerId,
            worker.Host,
            worker.Device,
            string.IsNullOrEmpty(worker.CurrentTask) ? null : worker.CurrentTask,
            worker.Completed,
            worker.Failed,
            worker.StartedAt,
            worker.LastSeen,
            worker.TimeToLive is { } ttl ? Math.Round(ttl.TotalSeconds, 1) : null);
    }
}
