namespace WhatsTheTab.Silo.Gpu.Worker;

/// <summary>What this worker is doing and has done since it started; the heartbeat publishes it.</summary>
public sealed class WorkerActivity
{
    private readonly Lock _gate = new();
    private readonly List<string> _current = [];
    private long _completed;
    private long _failed;

    public WorkerActivity(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        StartedAt = time.GetUtcNow();
    }

    /// <summary>When the worker started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Jobs delivered and acknowledged.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Jobs whose attempt failed (permanently or transiently).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>The task(s) being worked on, comma-separated; null when idle.</summary>
    public string? CurrentTask
    {
        get
        {
            lock (_gate)
            {
                return _current.Count == 0 ? null : string.Join(',', _current);
            }
        }
    }

    public void JobStarted(string taskId)
    {
        lock (_gate)
        {
            _current.Add(taskId);
        }
    }

    public void JobEnded(string taskId, JobOutcome outcome)
    {
        lock (_gate)
        {
            _current.Remove(taskId);
        }

        if (outcome == JobOutcome.Completed)
        {
            Interlocked.Increment(ref _completed);
        }
        else if (outcome is JobOutcome.FailedPermanently or JobOutcome.FailedTransiently)
        {
            Interlocked.Increment(ref _failed);
        }
    }
}
