namespace WhatsTheTab.Silo.Gpu.Worker;

/// <summary>How one claimed task ended on this worker.</summary>
public enum JobOutcome
{
    /// <summary>The result was delivered and the task acknowledged.</summary>
    Completed,

    /// <summary>The result was delivered but the ack found another owner: the lease had been taken over (the web tier decides which result counts).</summary>
    CompletedLate,

    /// <summary>Failed for good (undecodable audio, unknown job, over limits): dead-lettered.</summary>
    FailedPermanently,

    /// <summary>Failed for now (network, web tier error): the queue retries it after a back-off.</summary>
    FailedTransiently,

    /// <summary>The worker is shutting down: the task went back to the front of the queue, its attempt given back.</summary>
    HandedBack,

    /// <summary>The lease was lost mid-job (a supervisor requeued it): nothing was delivered or acknowledged.</summary>
    LeaseLost,

    /// <summary>The job was already finished or cancelled: nothing to transcribe.</summary>
    Skipped,
}
