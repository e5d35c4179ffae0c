using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Grains.Abstractions.Redis;

namespace WhatsTheTab.Silo.Web.Events;

/// <summary>
/// Applies the queue's events to job grains. Every call is safe to repeat: the grain ignores duplicates and late
/// events, so the same event arriving by a direct Orleans call, by pub/sub and by the <c>task:results</c> catch-up
/// changes the job once. Task ids that are not GUIDs (not jobs of this service) are logged and skipped.
/// </summary>
public sealed partial class JobEventApplier
{
    /// <summary>The reason a job gets when its worker acknowledged it without ever delivering a result.</summary>
    public const string CompletedWithoutResult = "completed without a result: the worker acknowledged the task but delivered no MIDI";

    private readonly IGrainFactory _grains;
    private readonly ILogger<JobEventApplier> _logger;

    public JobEventApplier(IGrainFactory grains, ILogger<JobEventApplier> logger)
    {
        _grains = grains;
        _logger = logger;
    }

    /// <summary><c>task:claimed</c>: the job moves to processing under that worker's attempt.</summary>
    public async Task ClaimedAsync(TaskClaimedEvent claimed)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        if (Grain(claimed.TaskId, "claimed") is not { } grain || string.IsNullOrEmpty(claimed.WorkerId))
        {
            return;
        }

        var outcome = await grain.ClaimedAsync(new JobClaim(claimed.WorkerId, Math.Max(1, claimed.Attempt), FromUnixMs(claimed.ClaimedAtUnixMs)));
        LogRouted(_logger, "claimed", claimed.TaskId, outcome.Applied, outcome.Reason);
    }

    /// <summary><c>task:progress:{id}</c>: chunk progress of the worker that owns the job.</summary>
    public async Task ProgressAsync(TaskProgressEvent progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (Grain(progress.TaskId, "progress") is not { } grain || string.IsNullOrEmpty(progress.WorkerId))
        {
            return;
        }

        var outcome = await grain.ProgressAsync(new JobProgress(progress.WorkerId, progress.Chunk, progress.Total));
        LogRouted(_logger, "progress", progress.TaskId, outcome.Applied, outcome.Reason);
    }

    /// <summary>
    /// <c>task:completed</c> or an id drained from <c>task:results</c>: the worker acknowledged the task. A worker of
    /// this project delivered its result to the internal endpoint before acknowledging, so the grain is already
    /// completed and nothing happens. A job still without a result means the worker acknowledged without delivering
    /// one (uploads that were not applied are deleted, so no result files are waiting): it fails for good with
    /// <see cref="CompletedWithoutResult"/>, rather than showing "completed" with nothing to download.
    /// </summary>
    public async Task CompletedAsync(string taskId)
    {
        if (Grain(taskId, "completed") is not { } grain)
        {
            return;
        }

        var snapshot = await grain.GetAsync();
        if (snapshot is null)
        {
            LogUnknownJob(_logger, "completed", taskId);
            return;
        }

        if (snapshot.Result is not null || JobStatusTransitions.IsTerminal(snapshot.Status))
        {
            LogAlreadyFinished(_logger, taskId, snapshot.Status);
            return;
        }

        var outcome = await grain.FailedAsync(new JobFailure(null, CompletedWithoutResult, Permanent: true));
        LogCompletedWithoutResult(_logger, taskId, outcome.Applied);
    }

    /// <summary>
    /// <c>task:failed</c>: permanent (dead-lettered) fails the job; transient means the queue retries it, so the job goes
    /// back to pending with the error kept.
    /// </summary>
    public async Task FailedAsync(TaskFailedEvent failed)
    {
        ArgumentNullException.ThrowIfNull(failed);
        if (Grain(failed.TaskId, "failed") is not { } grain)
        {
            return;
        }

        var worker = string.IsNullOrEmpty(failed.WorkerId) ? null : failed.WorkerId;
        var reason = string.IsNullOrWhiteSpace(failed.Error) ? "the worker reported a failure without a reason" : failed.Error;
        var outcome = await grain.FailedAsync(new JobFailure(worker, reason, failed.Permanent));
        LogRouted(_logger, failed.Permanent ? "failed (permanent)" : "failed (will retry)", failed.TaskId, outcome.Applied, outcome.Reason);
    }

    private ITranscriptionGrain? Grain(string? taskId, string eventName)
    {
        if (!Guid.TryParseExact(taskId, "D", out var jobId) && !Guid.TryParse(taskId, out jobId))
        {
            LogNotAJob(_logger, eventName, taskId ?? string.Empty);
            return null;
        }

        return _grains.GetGrain<ITranscriptionGrain>(jobId);
    }

    private static DateTimeOffset FromUnixMs(long unixMs) =>
        unixMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(unixMs) : DateTimeOffset.UtcNow;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Routed {Event} of task {TaskId}: applied {Applied} ({Reason})")]
    private static partial void LogRouted(ILogger logger, string @event, string taskId, bool applied, string? reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Completion of task {TaskId} already applied: the job is {Status}")]
    private static partial void LogAlreadyFinished(ILogger logger, string taskId, JobStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped {Event} of task {TaskId}: the id is not a job id (GUID)")]
    private static partial void LogNotAJob(ILogger logger, string @event, string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped {Event} of task {TaskId}: no job has this id")]
    private static partial void LogUnknownJob(ILogger logger, string @event, string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} was acknowledged without a result; the job fails for good (applied {Applied})")]
    private static partial void LogCompletedWithoutResult(ILogger logger, string taskId, bool applied);
}
