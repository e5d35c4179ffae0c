namespace WhatsTheTab.TaskQueue;

/// <summary>
/// The reliable task queue on Redis (or Garnet): producers enqueue ids, workers claim them under a lease they renew
/// with every progress report, and finish them with exactly one of ack, fail or hand-back; a supervisor takes back
/// leases that expired or whose worker vanished. Every transition that touches more than one key is one Lua script.
/// </summary>
public interface ITaskQueueClient
{
    /// <summary>
    /// Records the task (<c>task:{id}</c>), pushes it to the back of <c>task:queue</c> and publishes <c>task:new</c>, atomically.
    /// Idempotent: an id that is already pending, processing, delayed, completed or dead-lettered is left alone.
    /// </summary>
    Task<EnqueueResult> EnqueueAsync(string taskId, string payload, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims the oldest pending task for <paramref name="workerId"/> with a lease of <paramref name="lease"/>, waiting up
    /// to <paramref name="timeout"/> for one to arrive (a <c>task:new</c> notification wakes the wait early; it also polls).
    /// Returns null when none arrived in time.
    /// </summary>
    Task<ClaimedTask?> ClaimAsync(string workerId, TimeSpan lease, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Extends the lease to now + <paramref name="lease"/> if <paramref name="workerId"/> still owns the task; false otherwise.</summary>
    Task<bool> RenewLeaseAsync(string taskId, string workerId, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records chunk progress, renews the lease by the configured lease duration and publishes <c>task:progress:{id}</c>,
    /// if <paramref name="workerId"/> still owns the task; false (and nothing changed) otherwise.
    /// </summary>
    Task<bool> ReportProgressAsync(string taskId, string workerId, int chunk, int total, CancellationToken cancellationToken = default);

    /// <summary>Completes the task if <paramref name="workerId"/> still owns it; a late ack after a takeover changes nothing.</summary>
    Task<AckResult> AckAsync(string taskId, string workerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends the worker's attempt with an error. Permanent, or out of attempts: dead letter (hash expires after the
    /// dead-letter TTL). Transient: retried after an exponential back-off with jitter. Only if the worker still owns it.
    /// </summary>
    Task<FailResult> FailAsync(string taskId, string workerId, string reason, bool permanent, CancellationToken cancellationToken = default);

    /// <summary>
    /// Graceful shutdown: puts the task back at the front of the queue with its attempt given back and its lease removed,
    /// if the worker still owns it.
    /// </summary>
    Task<bool> HandBackAsync(string taskId, string workerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Supervisor pass: every leased task whose deadline is before <paramref name="now"/> or whose worker's heartbeat
    /// key is gone is requeued at the front, or dead-lettered as a poison job once it has used
    /// <paramref name="maxAttempts"/> attempts. Ids in <c>task:processing</c> without a lease get one from now. Safe when
    /// several supervisors run at once: each lease is recovered by exactly one of them.
    /// </summary>
    Task<IReadOnlyList<RecoveredTask>> RequeueExpiredAsync(DateTimeOffset now, int maxAttempts, CancellationToken cancellationToken = default);

    /// <summary>Moves delayed retries that are due at <paramref name="now"/> to the back of the queue; returns their ids.</summary>
    Task<IReadOnlyList<string>> PromoteDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Runs a dead-lettered task again: out of <c>task:failed</c>, expiry cleared, attempts reset, queued. False when it is not dead-lettered.</summary>
    Task<bool> RetryAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>Writes the worker's heartbeat hash with a TTL (the configured heartbeat TTL when <paramref name="ttl"/> is null).</summary>
    Task HeartbeatAsync(string workerId, WorkerInfo info, TimeSpan? ttl = null, CancellationToken cancellationToken = default);

    /// <summary>The sizes of every list and sorted set.</summary>
    Task<QueueDepths> GetDepthsAsync(CancellationToken cancellationToken = default);

    /// <summary>The task's hash and lease; null when there is no hash.</summary>
    Task<TaskRecord?> GetTaskAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>Every worker whose heartbeat has not expired.</summary>
    Task<IReadOnlyList<WorkerStatus>> ListWorkersAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Catch-up for the event router: hands up to <paramref name="maxCount"/> ids from the head of <c>task:results</c>
    /// to <paramref name="apply"/> and removes each one only after <paramref name="apply"/> returned (at least once:
    /// a crash in between, or two routers draining together, applies an id twice, so <paramref name="apply"/> must be
    /// idempotent). An id whose <paramref name="apply"/> throws moves to the back of the list. Returns the ids applied.
    /// </summary>
    Task<int> DrainResultsAsync(Func<string, CancellationToken, Task> apply, int maxCount = 100, CancellationToken cancellationToken = default);
}
