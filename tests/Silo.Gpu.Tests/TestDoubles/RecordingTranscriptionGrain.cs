using System.Collections.Concurrent;
using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Silo.Gpu.Tests.TestDoubles;

/// <summary>
/// Test double for the job grain (the real one lives on web silos and is tested there): an in-process
/// <see cref="ITranscriptionGrain"/> that serves a fixed snapshot and records every call the worker makes, in order.
/// <see cref="OnProgress"/> lets a test act at a chosen chunk (take the lease over, stop the worker).
/// </summary>
internal sealed class RecordingTranscriptionGrain : ITranscriptionGrain
{
    private readonly Lock _gate = new();
    private JobSnapshot? _snapshot;

    public RecordingTranscriptionGrain(JobSnapshot? snapshot) => _snapshot = snapshot;

    public ConcurrentQueue<JobClaim> Claims { get; } = new();

    public ConcurrentQueue<JobProgress> Progress { get; } = new();

    public ConcurrentQueue<JobFailure> Failures { get; } = new();

    public ConcurrentQueue<(string? WorkerId, string Reason)> Requeues { get; } = new();

    /// <summary>Every call by name, in arrival order.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>Runs inside <see cref="ProgressAsync"/> before it returns (the worker waits for it).</summary>
    public Func<JobProgress, Task>? OnProgress { get; set; }

    public Task<JobSnapshot> SubmitAsync(JobSubmission submission) => throw new NotSupportedException("Workers never submit jobs.");

    public Task<TransitionResult> ClaimedAsync(JobClaim claim)
    {
        Calls.Enqueue("claimed");
        Claims.Enqueue(claim);
        return Task.FromResult(Move(JobStatus.Processing, claim.WorkerId));
    }

    public async Task<TransitionResult> ProgressAsync(JobProgress progress)
    {
        Calls.Enqueue("progress");
        Progress.Enqueue(progress);
        if (OnProgress is { } hook)
        {
            await hook(progress);
        }

        return TransitionResult.Changed(JobStatus.Processing);
    }

    public Task<TransitionResult> CompletedAsync(JobResult result) => throw new NotSupportedException("The web tier completes jobs, not the worker.");

    public Task<TransitionResult> FailedAsync(JobFailure failure)
    {
        Calls.Enqueue("failed");
        Failures.Enqueue(failure);
        return Task.FromResult(Move(failure.Permanent ? JobStatus.Failed : JobStatus.Pending, failure.WorkerId));
    }

    public Task<TransitionResult> RequeuedAsync(string? workerId, string reason)
    {
        Calls.Enqueue("requeued");
        Requeues.Enqueue((workerId, reason));
        return Task.FromResult(Move(JobStatus.Pending, null));
    }

    public Task<TransitionResult> CancelAsync() => throw new NotSupportedException("Workers never cancel jobs.");

    public Task<TransitionResult> RetryAsync() => throw new NotSupportedException("Workers never retry jobs.");

    public Task<JobSnapshot?> GetAsync()
    {
        Calls.Enqueue("get");
        lock (_gate)
        {
            return Task.FromResult(_snapshot);
        }
    }

    public Task<string?> GetAudioKeyAsync()
    {
        lock (_gate)
        {
            return Task.FromResult(_snapshot?.AudioKey);
        }
    }

    public Task SubscribeAsync(IJobObserver observer) => Task.CompletedTask;

    public Task UnsubscribeAsync(IJobObserver observer) => Task.CompletedTask;

    private TransitionResult Move(JobStatus status, string? workerId)
    {
        lock (_gate)
        {
            if (_snapshot is null)
            {
                return TransitionResult.Unchanged(JobStatus.Pending, "unknown job");
            }

            _snapshot = _snapshot with { Status = status, WorkerId = workerId, Version = _snapshot.Version + 1 };
            return TransitionResult.Changed(status);
        }
    }
}
