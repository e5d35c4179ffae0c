namespace WhatsTheTab.TaskQueue;

/// <summary>Where a failed attempt left the task.</summary>
public enum FailOutcome
{
    /// <summary>Nothing changed: the worker no longer owns the task.</summary>
    NotOwner,

    /// <summary>A transient failure: the task waits in <c>task:delayed</c> until its back-off has passed.</summary>
    RetryScheduled,

    /// <summary>A permanent failure, or the attempts ran out: the task is in the dead letter list <c>task:failed</c>.</summary>
    DeadLettered,
}
