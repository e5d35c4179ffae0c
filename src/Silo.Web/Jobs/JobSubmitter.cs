using StackExchange.Redis;
using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Silo.Web.Uploads;
using WhatsTheTab.Storage.Media;
using WhatsTheTab.TaskQueue;
using WhatsTheTab.Transcription.Audio;

namespace WhatsTheTab.Silo.Web.Jobs;

/// <summary>
/// Turns an accepted upload into a job and puts jobs on the queue, leaving nothing half-written: stored audio that no
/// job references is deleted again, and a job that cannot be queued is failed with a reason that says to retry it.
/// </summary>
public sealed partial class JobSubmitter
{
    /// <summary>The media kind uploaded audio is stored under.</summary>
    public const string AudioKind = "audio";

    private readonly IGrainFactory _grains;
    private readonly IMediaStore _media;
    private readonly ITaskQueueClient _queue;
    private readonly TimeProvider _time;
    private readonly ILogger<JobSubmitter> _logger;

    public JobSubmitter(IGrainFactory grains, IMediaStore media, ITaskQueueClient queue, TimeProvider time, ILogger<JobSubmitter> logger)
    {
        _grains = grains;
        _media = media;
        _queue = queue;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Stores the audio and creates the pending job <paramref name="jobId"/> (not queued). If the grain already holds a
    /// job with this id (a concurrent replay of the same idempotent request), that job is returned and this copy of
    /// the audio is dropped.
    /// </summary>
    public async Task<JobSnapshot> CreateAsync(
        Guid jobId, ReceivedUpload upload, double durationSeconds, JobOptions options, string? owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(options);
        var grain = _grains.GetGrain<ITranscriptionGrain>(jobId);

        // Activating a job's grain reads its storage: let that happen while the audio is being stored.
        var activation = grain.GetAsync();
        MediaRef stored;
        try
        {
            await using var content = upload.OpenRead();
            stored = await _media.SaveAsync(AudioKind, content, ContentTypeOf(upload.Container), cancellationToken);
        }
        catch
        {
            await ObserveQuietlyAsync(activation);
            throw;
        }

        JobSnapshot job;
        try
        {
            await activation;
            var submission = new JobSubmission(upload.FileName, upload.SizeBytes, durationSeconds, stored.Key, options, owner, _time.GetUtcNow());
            job = await grain.SubmitAsync(submission);
        }
        catch
        {
            // The grain call failed, but its write may still have been stored (a database connection lost after the
            // commit): the audio goes only when the job, read again, does not point at it.
            if (!await IsReferencedAsync(grain, stored.Key))
            {
                await DeleteQuietlyAsync(stored.Key);
            }

            throw;
        }

        if (!string.Equals(job.AudioKey, stored.Key, StringComparison.Ordinal))
        {
            await DeleteQuietlyAsync(stored.Key);
        }

        LogCreated(_logger, job.Id, job.FileName, job.SizeBytes, job.DurationSeconds);
        return job;
    }

    /// <summary>
    /// Puts a pending job on the task queue (idempotent: a job already queued or running is left alone).
    /// </summary>
    /// <exception cref="JobQueueUnavailableException">Redis could not be reached; the job was failed with a retryable reason.</exception>
    public async Task<EnqueueResult> EnqueueAsync(JobSnapshot job)
    {
        ArgumentNullException.ThrowIfNull(job);
        try
        {
            return await _queue.EnqueueAsync(job.Id.ToString("D"), JobTaskPayload.For(job), CancellationToken.None);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw await FailUnqueuedAsync(job.Id, ex);
        }
    }

    /// <summary>
    /// Puts a job the grain just moved back to pending (a retry) on the queue again: out of the dead letter list if it
    /// is there, otherwise enqueued afresh.
    /// </summary>
    /// <exception cref="JobQueueUnavailableException">Redis could not be reached; the job was failed with a retryable reason.</exception>
    public async Task RequeueAsync(JobSnapshot job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var id = job.Id.ToString("D");
        try
        {
            if (await _queue.RetryAsync(id, CancellationToken.None))
            {
                return;
            }

            var result = await _queue.EnqueueAsync(id, JobTaskPayload.For(job), CancellationToken.None);
            if (result == EnqueueResult.AlreadyFinished)
            {
                // The queue's record says completed (a job cancelled while its worker finished it): nothing to requeue.
                LogRequeueRefused(_logger, job.Id);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw await FailUnqueuedAsync(job.Id, ex);
        }
    }

    private async Task<JobQueueUnavailableException> FailUnqueuedAsync(Guid jobId, Exception cause)
    {
        LogQueueUnavailable(_logger, jobId, cause);
        var reason = $"The job could not be queued (the task queue is unavailable); retry it with POST {JobsApi.JobPath(jobId)}/retry.";
        try
        {
            await _grains.GetGrain<ITranscriptionGrain>(jobId).FailedAsync(new JobFailure(null, reason, Permanent: true));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogFailFailed(_logger, jobId, ex);
        }

        return new JobQueueUnavailableException("The task queue is unavailable; the job was stored but not queued. Retry it later.", cause);
    }

    private static async Task ObserveQuietlyAsync(Task activation)
    {
        try
        {
            await activation;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The upload failed first; that is the error the caller hears about.
        }
    }

    /// <summary>True when the job uses <paramref name="audioKey"/>, or when that cannot be told (then nothing is deleted).</summary>
    private async Task<bool> IsReferencedAsync(ITranscriptionGrain grain, string audioKey)
    {
        try
        {
            return await grain.GetAsync() is { } job && string.Equals(job.AudioKey, audioKey, StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogOrphanedMedia(_logger, audioKey, ex);
            return true;
        }
    }

    private async Task DeleteQuietlyAsync(string key)
    {
        try
        {
            await _media.DeleteAsync(key, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogOrphanedMedia(_logger, key, ex);
        }
    }

    /// <summary>The stored content type for a sniffed container (the client's Content-Type is never trusted).</summary>
    public static string ContentTypeOf(AudioContainer container) => container switch
    {
        AudioContainer.Wav => "audio/wav",
        AudioContainer.Mp3 => "audio/mpeg",
        AudioContainer.Flac => "audio/flac",
        AudioContainer.Ogg => "audio/ogg",
        AudioContainer.Mp4 => "audio/mp4",
        AudioContainer.Aac => "audio/aac",
        AudioContainer.Aiff => "audio/aiff",
        AudioContainer.WebM => "audio/webm",
        _ => "application/octet-stream",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} created for {FileName} ({SizeBytes} bytes, {DurationSeconds:0.0} s)")]
    private static partial void LogCreated(ILogger logger, Guid jobId, string fileName, long sizeBytes, double durationSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} was retried but the queue's record says it already completed; it was not queued again")]
    private static partial void LogRequeueRefused(ILogger logger, Guid jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} could not be queued")]
    private static partial void LogQueueUnavailable(ILogger logger, Guid jobId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} could not be queued and could not be marked failed either")]
    private static partial void LogFailFailed(ILogger logger, Guid jobId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored media {MediaKey} belongs to no job and could not be deleted")]
    private static partial void LogOrphanedMedia(ILogger logger, string mediaKey, Exception exception);
}
