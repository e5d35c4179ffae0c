using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.GrainDirectory;
using Orleans.Utilities;
using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Grains.Jobs;

/// <summary>One transcription job (keyed by its id): the state machine of <see cref="ITranscriptionGrain"/>.</summary>
/// <remarks>
/// <para>
/// Non-reentrant on purpose: calls (and the progress-flush timer, which does not interleave) run one at a time, so
/// there is never more than one <c>WriteStateAsync</c> in flight and every rule below sees the state it decides on.
/// </para>
/// <para>
/// Idempotency: every state-changing method checks the current state first and answers
/// <see cref="TransitionResult.Unchanged"/> with a reason instead of throwing when the call is a duplicate, late or
/// illegal; only <see cref="SubmitAsync"/> creates a job, and every other method on an unknown id answers
/// <c>Unchanged(Pending, "unknown job")</c> without creating state. Every move is also checked against
/// <see cref="JobStatusTransitions.IsLegal"/>.
/// </para>
/// <para>
/// Claims are identified by (worker, attempt, claimed-at to the millisecond): the queue's <c>task:claimed</c> event and
/// the worker's own call carry the same three values, so whichever arrives second is a duplicate. The attempt number
/// alone is not enough: a graceful hand-back gives the attempt back, so the next claim legitimately reuses it. A claim
/// older than the latest recorded attempt is stale and ignored.
/// </para>
/// <para>
/// Progress is kept in memory and written at most every <see cref="ProgressWriteInterval"/>: on the next progress
/// call when the interval has passed, otherwise by a one-shot timer at the end of the interval, and on deactivation.
/// Status transitions are written at once. Because unsaved progress still bumps <see cref="JobSnapshot.Version"/>,
/// an activation that finds stored state skips its version ahead by <see cref="MaxUnsavedChanges"/> (and no more than
/// that many changes are ever left unsaved), so versions watchers saw before a crash are never handed out again.
/// </para>
/// <para>
/// After each change, watchers get a <see cref="JobChange"/> and (for everything but progress, which does not change a
/// listing) the job is recorded in <see cref="IJobCatalogGrain"/>; that call is awaited, but a catalog failure is
/// logged and retried every <see cref="CatalogRetryDelay"/> while the activation lives, rather than failing a
/// transition that is already stored.
/// </para>
/// <para>
/// Ownership: while processing, progress, results, failures and hand-backs count only from the worker of the current
/// attempt (a failure or requeue without a worker id is the supervisor's and always counts). While pending nobody owns
/// the job, so a result is accepted from any worker — including the event router for a seed-contract worker that never
/// announced its claim — and a permanent failure from anyone fails it (dead letter).
/// </para>
/// </remarks>
[GrainType("whatsthetab.transcription")]
[GrainDirectory(GrainDirectoryName = JobGrainDirectory.Name)]
// A job is busy for seconds to minutes and then only read now and then; an idle one gives its memory back after two
// minutes (instead of Orleans' default quarter of an hour), so a web silo's size follows the jobs in flight, not the
// jobs of the last quarter hour. Reactivating costs one storage read.
[CollectionAgeLimit(Minutes = 2)]
public sealed partial class TranscriptionGrain : Grain, ITranscriptionGrain
{
    /// <summary>The shortest time between two writes caused by progress alone.</summary>
    public static readonly TimeSpan ProgressWriteInterval = TimeSpan.FromSeconds(2);

    /// <summary>Unsaved changes allowed before a write is forced; also the version gap after a reactivation.</summary>
    public const int MaxUnsavedChanges = 1000;

    /// <summary>Attempts kept in the history (the oldest are dropped beyond this).</summary>
    public const int MaxAttemptHistory = 50;

    /// <summary>How long after a failed catalog update it is tried again (while the activation lives).</summary>
    public static readonly TimeSpan CatalogRetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>Watchers that have not subscribed again within this time are dropped.</summary>
    public static readonly TimeSpan ObserverExpiry = TimeSpan.FromMinutes(2);

    private const string UnknownJob = "unknown job";

    private readonly IPersistentState<TranscriptionJobState> _job;
    private readonly ILogger<TranscriptionGrain> _logger;
    private readonly TimeProvider _clock;
    private readonly Guid _jobId;

    // Transient, never persisted: the watchers, how far the in-memory progress is ahead of storage, and the flush timer.
    private readonly ObserverManager<IJobObserver> _observers;
    private int _unsavedChanges;
    private long _lastWriteTimestamp;
    private IGrainTimer? _flushTimer;
    private IGrainTimer? _catalogRetryTimer;

    public TranscriptionGrain(
        [PersistentState("job", "jobs")] IPersistentState<TranscriptionJobState> job,
        ILogger<TranscriptionGrain> logger,
        IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _job = job;
        _logger = logger;
        _clock = GrainClock.Resolve(services);
        _jobId = this.GetPrimaryKey();
        _observers = new ObserverManager<IJobObserver>(ObserverExpiry, logger);
    }

    private TranscriptionJobState State => _job.State;

    private DateTimeOffset Now => _clock.GetUtcNow();

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _lastWriteTimestamp = Stopwatch.GetTimestamp();
        if (_job.RecordExists)
        {
            // Progress of an earlier activation may have been notified but never saved; never reuse those versions.
            State.Version += MaxUnsavedChanges;

            // The catalog is a read model in Redis; recording the job again heals a listing that lost its
            // last updates in a crash.
            await RecordInCatalogAsync(ToSnapshot());
        }
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _flushTimer?.Dispose();
        _flushTimer = null;
        _catalogRetryTimer?.Dispose();
        _catalogRetryTimer = null;
        if (_unsavedChanges > 0 && _job.RecordExists)
        {
            try
            {
                await WriteAsync();
            }
            catch (Exception exception)
            {
                LogProgressFlushFailed(exception, _jobId);
            }
        }
    }

    /// <inheritdoc />
    public async Task<JobSnapshot> SubmitAsync(JobSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(submission.Options);
        if (_job.RecordExists)
        {
            return ToSnapshot();
        }

        var state = State;
        state.Status = JobStatus.Pending;
        state.FileName = submission.FileName ?? string.Empty;
        state.SizeBytes = submission.SizeBytes;
        state.DurationSeconds = submission.DurationSeconds;
        state.AudioKey = submission.AudioKey ?? string.Empty;
        state.Options = submission.Options;
        state.Owner = submission.Owner;
        state.CreatedAt = submission.SubmittedAt;
        state.UpdatedAt = Now;
        state.Version = 1;
        await WriteAsync();
        LogSubmitted(_jobId, state.FileName, state.Owner);
        var snapshot = ToSnapshot();
        await NotifyAsync("submitted", snapshot);
        await RecordInCatalogAsync(snapshot);
        return snapshot;
    }

    /// <inheritdoc />
    public Task<TransitionResult> ClaimedAsync(JobClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentException.ThrowIfNullOrEmpty(claim.WorkerId);
        if (!_job.RecordExists)
        {
            return Task.FromResult(Unknown());
        }

        var state = State;
        if (JobStatusTransitions.IsTerminal(state.Status))
        {
            return Unchanged($"claim by {claim.WorkerId} ignored: the job is {state.Status.ToWire()}");
        }

        var claimedAt = TruncateToMilliseconds(claim.ClaimedAt);
        var current = OpenAttempt();
        if (state.Status == JobStatus.Processing && current is not null
            && current.WorkerId == claim.WorkerId && current.Number == claim.Attempt)
        {
            return Unchanged($"duplicate claim: attempt {claim.Attempt} by {claim.WorkerId} is the current attempt");
        }

        if (state.AttemptHistory.Exists(a => a.WorkerId == claim.WorkerId && a.Number == claim.Attempt && a.StartedAt == claimedAt))
        {
            return Unchanged($"duplicate claim: attempt {claim.Attempt} by {claim.WorkerId} is already recorded");
        }

        if (state.AttemptHistory.Count > 0 && state.AttemptHistory[^1].StartedAt > claimedAt)
        {
            return Unchanged($"stale claim: attempt {claim.Attempt} by {claim.WorkerId} is older than the latest attempt");
        }

        if (!JobStatusTransitions.IsLegal(state.Status, JobStatus.Processing))
        {
            return Illegal(JobStatus.Processing);
        }

        if (current is not null)
        {
            // Claimed again by another worker after a requeue this grain never heard of.
            CloseOpenAttempt($"superseded: claimed by {claim.WorkerId} as attempt {claim.Attempt}");
        }

        state.Status = JobStatus.Processing;
        state.WorkerId = claim.WorkerId;
        state.Attempts = claim.Attempt > 0 ? claim.Attempt : state.Attempts + 1;
        state.CurrentChunk = 0;
        state.TotalChunks = 0;
        state.AttemptHistory.Add(new JobAttempt(claim.Attempt, claim.WorkerId, claimedAt, null, null));
        if (state.AttemptHistory.Count > MaxAttemptHistory)
        {
            state.AttemptHistory.RemoveRange(0, state.AttemptHistory.Count - MaxAttemptHistory);
        }

        return ApplyAsync("claimed");
    }

    /// <inheritdoc />
    public async Task<TransitionResult> ProgressAsync(JobProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (!_job.RecordExists)
        {
            return Unknown();
        }

        var state = State;
        if (state.Status != JobStatus.Processing)
        {
            return TransitionResult.Unchanged(state.Status, $"progress from {progress.WorkerId} ignored: the job is {state.Status.ToWire()}");
        }

        if (!string.Equals(progress.WorkerId, state.WorkerId, StringComparison.Ordinal))
        {
            return TransitionResult.Unchanged(state.Status, $"progress from {progress.WorkerId} ignored: the job belongs to {state.WorkerId}");
        }

        if (progress.Chunk < 0 || progress.TotalChunks < 0 || (progress.TotalChunks > 0 && progress.Chunk > progress.TotalChunks))
        {
            return TransitionResult.Unchanged(state.Status, $"invalid progress {progress.Chunk}/{progress.TotalChunks}");
        }

        // Forward only; "0 of N" is accepted once, to announce the total before the first chunk is done.
        var announcesTotal = progress.Chunk == state.CurrentChunk && state.TotalChunks == 0 && progress.TotalChunks > 0;
        if (progress.Chunk <= state.CurrentChunk && !announcesTotal)
        {
            return TransitionResult.Unchanged(state.Status, $"progress does not go backwards: chunk {progress.Chunk} after {state.CurrentChunk}");
        }

        state.CurrentChunk = progress.Chunk;
        state.TotalChunks = progress.TotalChunks;
        state.Version++;
        state.UpdatedAt = Now;
        _unsavedChanges++;
        await SaveProgressAtBoundedRateAsync();
        await NotifyAsync("progress", ToSnapshot());
        return TransitionResult.Changed(state.Status);
    }

    /// <inheritdoc />
    public Task<TransitionResult> CompletedAsync(JobResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!_job.RecordExists)
        {
            return Task.FromResult(Unknown());
        }

        var state = State;
        if (state.Status == JobStatus.Completed)
        {
            return Unchanged($"result from {result.WorkerId} ignored: already completed (the first result wins)");
        }

        if (JobStatusTransitions.IsTerminal(state.Status))
        {
            return Unchanged($"result from {result.WorkerId} ignored: the job is {state.Status.ToWire()}");
        }

        // Processing: only the worker of the current attempt. Pending: nobody owns the job, so a result is accepted
        // from anyone (a seed-contract worker that never announced its claim, the event router, or a worker whose
        // lease ran out after it finished — the transcription is just as good, and the first result wins).
        if (state.Status == JobStatus.Processing && !string.Equals(result.WorkerId, state.WorkerId, StringComparison.Ordinal))
        {
            return Unchanged($"result from {result.WorkerId} ignored: the job belongs to {state.WorkerId}");
        }

        if (!JobStatusTransitions.IsLegal(state.Status, JobStatus.Completed))
        {
            return Illegal(JobStatus.Completed);
        }

        CloseOpenAttempt("completed");
        state.Status = JobStatus.Completed;
        state.WorkerId = result.WorkerId;
        state.Result = result;
        state.CompletedAt = result.CompletedAt;
        state.Error = null;
        if (state.TotalChunks > 0)
        {
            state.CurrentChunk = state.TotalChunks;
        }

        return ApplyAsync("completed");
    }

    /// <inheritdoc />
    public Task<TransitionResult> FailedAsync(JobFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (!_job.RecordExists)
        {
            return Task.FromResult(Unknown());
        }

        var state = State;
        var workerId = string.IsNullOrEmpty(failure.WorkerId) ? null : failure.WorkerId;
        if (JobStatusTransitions.IsTerminal(state.Status))
        {
            return Unchanged($"failure ignored: the job is {state.Status.ToWire()}");
        }

        // A failure not tied to a worker comes from the supervisor (poison job, dead letter) and always counts.
        if (state.Status == JobStatus.Processing && workerId is not null && !string.Equals(workerId, state.WorkerId, StringComparison.Ordinal))
        {
            return Unchanged($"failure from {workerId} ignored: the job belongs to {state.WorkerId}");
        }

        if (!failure.Permanent && state.Status == JobStatus.Pending)
        {
            return Unchanged("transient failure ignored: the job is already pending");
        }

        var target = failure.Permanent ? JobStatus.Failed : JobStatus.Pending;
        if (!JobStatusTransitions.IsLegal(state.Status, target))
        {
            return Illegal(target);
        }

        state.Error = failure.Reason;
        if (failure.Permanent)
        {
            CloseOpenAttempt($"failed: {failure.Reason}");
            state.Status = JobStatus.Failed;
            LogFailed(_jobId, workerId, failure.Reason);
            return ApplyAsync("failed");
        }

        CloseOpenAttempt($"failed (will retry): {failure.Reason}");
        ReturnToPending();
        return ApplyAsync("failed");
    }

    /// <inheritdoc />
    public Task<TransitionResult> RequeuedAsync(string? workerId, string reason)
    {
        if (!_job.RecordExists)
        {
            return Task.FromResult(Unknown());
        }

        var state = State;
        workerId = string.IsNullOrEmpty(workerId) ? null : workerId;
        if (state.Status != JobStatus.Processing)
        {
            return Unchanged($"requeue ignored: the job is {state.Status.ToWire()}");
        }

        // Without a worker id the supervisor speaks for whoever held the lease.
        if (workerId is not null && !string.Equals(workerId, state.WorkerId, StringComparison.Ordinal))
        {
            return Unchanged($"requeue from {workerId} ignored: the job belongs to {state.WorkerId}");
        }

        CloseOpenAttempt($"requeued: {reason}");
        ReturnToPending();
        return ApplyAsync("requeued");
    }

    /// <inheritdoc />
    public Task<TransitionResult> CancelAsync()
    {
        if (!_job.RecordExists)
        {
            return Task.FromResult(Unknown());
        }

        var state = State;
        if (state.Status == JobStatus.Cancelled)
        {
            return Unchanged("already cancelled");
        }

        if (!JobStatusTransitions.IsLegal(state.Status, JobStatus.Cancelled))
        {
            return Unchanged($"cannot cancel: the job is {state.Status.ToWire()}");
        }

        CloseOpenAttempt("cancelled");
        state.Status = JobStatus.Cancelled;
        return ApplyAsync("cancelled");
    }

    /// <inheritdoc />
    public Task<TransitionResult> RetryAsync()
    {
        if (!_job.RecordExists)
        {
            return Task.FromResult(Unknown());
        }

        var state = State;
        if (state.Status is not (JobStatus.Failed or JobStatus.Cancelled) || !JobStatusTransitions.IsLegal(state.Status, JobStatus.Pending))
        {
            return Unchanged($"cannot retry: the job is {state.Status.ToWire()}");
        }

        ReturnToPending();
        state.Attempts = 0;
        state.Error = null;
        state.Result = null;
        state.CompletedAt = null;
        return ApplyAsync("retried");
    }

    /// <inheritdoc />
    public Task<JobSnapshot?> GetAsync() => Task.FromResult(_job.RecordExists ? ToSnapshot() : null);

    /// <inheritdoc />
    public Task<string?> GetAudioKeyAsync() =>
        Task.FromResult(_job.RecordExists && !string.IsNullOrEmpty(State.AudioKey) ? State.AudioKey : null);

    /// <inheritdoc />
    public Task SubscribeAsync(IJobObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UnsubscribeAsync(IJobObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());

    private static TransitionResult Unknown() => TransitionResult.Unchanged(JobStatus.Pending, UnknownJob);

    private Task<TransitionResult> Unchanged(string reason) => Task.FromResult(TransitionResult.Unchanged(State.Status, reason));

    private Task<TransitionResult> Illegal(JobStatus to) =>
        Unchanged($"illegal transition: {State.Status.ToWire()} → {to.ToWire()}");

    private JobAttempt? OpenAttempt() =>
        State.AttemptHistory.Count > 0 && State.AttemptHistory[^1].EndedAt is null ? State.AttemptHistory[^1] : null;

    private void CloseOpenAttempt(string outcome)
    {
        if (OpenAttempt() is { } open)
        {
            State.AttemptHistory[^1] = open with { EndedAt = Now, Outcome = outcome };
        }
    }

    private void ReturnToPending()
    {
        State.Status = JobStatus.Pending;
        State.WorkerId = null;
        State.CurrentChunk = 0;
        State.TotalChunks = 0;
    }

    /// <summary>Stores a status transition at once, then tells watchers and the catalog.</summary>
    private async Task<TransitionResult> ApplyAsync(string change)
    {
        State.Version++;
        State.UpdatedAt = Now;
        await WriteAsync();
        LogTransition(_jobId, change, State.Status, State.WorkerId, State.Version);
        var snapshot = ToSnapshot();
        await NotifyAsync(change, snapshot);
        await RecordInCatalogAsync(snapshot);
        return TransitionResult.Changed(State.Status);
    }

    private async Task SaveProgressAtBoundedRateAsync()
    {
        if (_unsavedChanges >= MaxUnsavedChanges || Stopwatch.GetElapsedTime(_lastWriteTimestamp) >= ProgressWriteInterval)
        {
            await WriteAsync();
            return;
        }

        if (_flushTimer is null)
        {
            var due = ProgressWriteInterval - Stopwatch.GetElapsedTime(_lastWriteTimestamp);
            _flushTimer = this.RegisterGrainTimer(FlushProgressAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan));
        }
    }

    private async Task FlushProgressAsync(CancellationToken cancellationToken)
    {
        _flushTimer?.Dispose();
        _flushTimer = null;
        if (_unsavedChanges > 0)
        {
            try
            {
                await WriteAsync();
            }
            catch (Exception exception)
            {
                // WriteAsync already deactivates the grain; the next activation reads the last stored state.
                LogProgressFlushFailed(exception, _jobId);
            }
        }
    }

    private async Task WriteAsync()
    {
        try
        {
            await _job.WriteStateAsync();
        }
        catch (Exception exception)
        {
            // The in-memory state is now ahead of storage; start over from storage on the next call.
            LogWriteFailed(exception, _jobId, State.Status);
            DeactivateOnIdle();
            throw;
        }

        _unsavedChanges = 0;
        _lastWriteTimestamp = Stopwatch.GetTimestamp();
        _flushTimer?.Dispose();
        _flushTimer = null;
    }

    private async Task NotifyAsync(string change, JobSnapshot snapshot)
    {
        if (_observers.Count == 0)
        {
            return;
        }

        var message = new JobChange(change, snapshot);
        await _observers.Notify(observer => observer.OnJobChangedAsync(message));
    }

    private async Task RecordInCatalogAsync(JobSnapshot snapshot)
    {
        try
        {
            var entry = new JobListEntry(snapshot.Id, snapshot.Status, snapshot.FileName, snapshot.CreatedAt, snapshot.Owner);
            await GrainFactory.GetGrain<IJobCatalogGrain>(0).RecordAsync(entry, snapshot.Version);
            _catalogRetryTimer?.Dispose();
            _catalogRetryTimer = null;
        }
        catch (Exception exception)
        {
            // The transition is stored; try the listing again shortly (it also catches up with the job's next change).
            LogCatalogFailed(exception, snapshot.Id, snapshot.Status, CatalogRetryDelay);
            _catalogRetryTimer ??= this.RegisterGrainTimer(
                RetryCatalogAsync,
                new GrainTimerCreationOptions(CatalogRetryDelay, CatalogRetryDelay) { KeepAlive = true });
        }
    }

    private Task RetryCatalogAsync(CancellationToken cancellationToken) => RecordInCatalogAsync(ToSnapshot());

    private JobSnapshot ToSnapshot()
    {
        var state = State;
        return new JobSnapshot
        {
            Id = _jobId,
            Status = state.Status,
            FileName = state.FileName,
            SizeBytes = state.SizeBytes,
            DurationSeconds = state.DurationSeconds,
            Options = state.Options,
            Attempts = state.Attempts,
            WorkerId = state.WorkerId,
            CurrentChunk = state.CurrentChunk,
            TotalChunks = state.TotalChunks,
            CreatedAt = state.CreatedAt,
            UpdatedAt = state.UpdatedAt,
            CompletedAt = state.CompletedAt,
            Error = state.Error,
            Result = state.Result,
            AttemptHistory = [.. state.AttemptHistory],
            Owner = state.Owner,
            Version = state.Version,
            AudioKey = state.AudioKey,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} submitted: {FileName} (owner {Owner})")]
    private partial void LogSubmitted(Guid jobId, string fileName, string? owner);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} {Change}: now {Status} (worker {WorkerId}, version {Version})")]
    private partial void LogTransition(Guid jobId, string change, JobStatus status, string? workerId, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} failed for good (worker {WorkerId}): {Reason}")]
    private partial void LogFailed(Guid jobId, string? workerId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId}: writing state ({Status}) failed; deactivating to reload from storage")]
    private partial void LogWriteFailed(Exception exception, Guid jobId, JobStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: saving in-memory progress failed")]
    private partial void LogProgressFlushFailed(Exception exception, Guid jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: recording status {Status} in the job catalog failed; retrying every {CatalogRetryDelay} while active")]
    private partial void LogCatalogFailed(Exception exception, Guid jobId, JobStatus status, TimeSpan catalogRetryDelay);
}
