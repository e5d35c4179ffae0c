using Orleans.Concurrency;

namespace WhatsTheTab.Grains.Abstractions.Jobs;

/// <summary>
/// One transcription job, keyed by its id. Every state-changing method is idempotent: repeating it, or calling it late
/// (a worker whose lease was taken over, an event routed twice from Redis), never moves the job backwards or applies
/// twice; the <see cref="TransitionResult"/> says whether it changed anything. Lives on web silos only.
/// </summary>
[Alias("whatsthetab.transcription-grain")]
public interface ITranscriptionGrain : IGrainWithGuidKey
{
    /// <summary>Creates the job (pending). Submitting again returns the existing job unchanged.</summary>
    [Alias("submit")]
    Task<JobSnapshot> SubmitAsync(JobSubmission submission);

    /// <summary>A worker claimed it: pending → processing, a new attempt begins.</summary>
    [Alias("claimed")]
    Task<TransitionResult> ClaimedAsync(JobClaim claim);

    /// <summary>Chunk progress from the worker that owns the job; kept in memory, persisted at a bounded rate.</summary>
    [Alias("progress")]
    Task<TransitionResult> ProgressAsync(JobProgress progress);

    /// <summary>The result is stored: processing → completed. The first result wins; later ones are ignored.</summary>
    [Alias("completed")]
    Task<TransitionResult> CompletedAsync(JobResult result);

    /// <summary>An attempt failed. Permanent: the job fails. Transient: it goes back to pending for the queue's retry.</summary>
    [Alias("failed")]
    Task<TransitionResult> FailedAsync(JobFailure failure);

    /// <summary>The worker handed it back or the supervisor took it from a dead worker: processing → pending.</summary>
    [Alias("requeued")]
    Task<TransitionResult> RequeuedAsync(string? workerId, string reason);

    /// <summary>The owner cancelled it (pending or processing → cancelled).</summary>
    [Alias("cancel")]
    Task<TransitionResult> CancelAsync();

    /// <summary>Runs a failed or cancelled job again: → pending with a fresh attempt count.</summary>
    [Alias("retry")]
    Task<TransitionResult> RetryAsync();

    /// <summary>The job now, or null when no job has this id.</summary>
    [Alias("get")]
    Task<JobSnapshot?> GetAsync();

    /// <summary>
    /// The key of the job's stored audio, or null when no job has this id. It never changes once the job exists, so
    /// this call interleaves with everything else: a worker's audio download does not wait behind the write of the
    /// claim it sent a moment before.
    /// </summary>
    [Alias("audio-key")]
    [AlwaysInterleave]
    Task<string?> GetAudioKeyAsync();

    /// <summary>Adds a watcher; watchers are not durable, so subscribe again at least every minute.</summary>
    [Alias("subscribe")]
    Task SubscribeAsync(IJobObserver observer);

    [Alias("unsubscribe")]
    Task UnsubscribeAsync(IJobObserver observer);
}
