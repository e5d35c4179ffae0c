namespace WhatsTheTab.Grains.Abstractions.Jobs;

/// <summary>The legal moves between job states; everything else is rejected (and a late or repeated call is a no-op).</summary>
public static class JobStatusTransitions
{
    /// <summary>True when a job may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool IsLegal(JobStatus from, JobStatus to) => (from, to) switch
    {
        (JobStatus.Pending, JobStatus.Processing) => true,
        (JobStatus.Pending, JobStatus.Failed) => true,          // rejected before any worker took it (e.g. dead-lettered)
        (JobStatus.Pending, JobStatus.Cancelled) => true,
        (JobStatus.Pending, JobStatus.Completed) => true,       // a seed-contract worker may report completion without a claim event
        (JobStatus.Processing, JobStatus.Pending) => true,      // handed back or requeued by the supervisor
        (JobStatus.Processing, JobStatus.Processing) => true,   // claimed again by another worker after a requeue we did not see
        (JobStatus.Processing, JobStatus.Completed) => true,
        (JobStatus.Processing, JobStatus.Failed) => true,
        (JobStatus.Processing, JobStatus.Cancelled) => true,
        (JobStatus.Failed, JobStatus.Pending) => true,          // retry
        (JobStatus.Cancelled, JobStatus.Pending) => true,       // retry of a cancelled job
        _ => false,
    };

    /// <summary>Completed, failed and cancelled jobs stay where they are unless someone retries them.</summary>
    public static bool IsTerminal(JobStatus status) => status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled;

    /// <summary>The lowercase name used on the wire (REST, seed routes, Redis hash).</summary>
    public static string ToWire(this JobStatus status) => status switch
    {
        JobStatus.Pending => "pending",
        JobStatus.Processing => "processing",
        JobStatus.Completed => "completed",
        JobStatus.Failed => "failed",
        JobStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>Parses the wire name (case-insensitive); false for anything else.</summary>
    public static bool TryParseWire(string? value, out JobStatus status)
    {
        foreach (var candidate in Enum.GetValues<JobStatus>())
        {
            if (string.Equals(candidate.ToWire(), value, StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }
}
