using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Silo.Gpu.Configuration;
using WhatsTheTab.TaskQueue;
using WhatsTheTab.Transcription;
using WhatsTheTab.Transcription.Audio;
using WhatsTheTab.Transcription.Notes;
using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Silo.Gpu.Worker;

/// <summary>
/// Runs one claimed task to its end: tell the grain, read the options, download the audio, transcribe with progress,
/// upload the result, ack; or fail it (permanent or transient), hand it back on shutdown, or drop it when the lease was
/// lost. It only ever acts on the id it claimed.
/// </summary>
public sealed partial class JobRunner
{
    private readonly ITaskQueueClient _queue;
    private readonly IJobGrainResolver _grains;
    private readonly TranscriptionEngine _engine;
    private readonly EngineThreads _engineThreads;
    private readonly AudioDownloader _downloader;
    private readonly ResultUploader _uploader;
    private readonly WorkerActivity _activity;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _lease;

    public JobRunner(
        ITaskQueueClient queue,
        IJobGrainResolver grains,
        TranscriptionEngine engine,
        EngineThreads engineThreads,
        AudioDownloader downloader,
        ResultUploader uploader,
        WorkerActivity activity,
        IOptions<QueueOptions> queueOptions,
        TimeProvider time,
        ILogger<JobRunner> logger)
    {
        ArgumentNullException.ThrowIfNull(queueOptions);
        _queue = queue;
        _grains = grains;
        _engine = engine;
        _engineThreads = engineThreads;
        _downloader = downloader;
        _uploader = uploader;
        _activity = activity;
        _time = time;
        _logger = logger;
        _lease = queueOptions.Value.LeaseDuration;
    }

    /// <summary>
    /// Runs <paramref name="task"/>. <paramref name="abort"/> fires when the worker is shutting down and the grace period
    /// is over: the engine stops between batches and the task is handed back. Never throws for a job's own failure.
    /// </summary>
    public async Task<JobOutcome> RunAsync(ClaimedTask task, CancellationToken abort)
    {
        ArgumentNullException.ThrowIfNull(task);
        var worker = task.WorkerId;
        LogClaimed(_logger, task.Id, worker, task.Attempt);
        if (!Guid.TryParse(task.Id, out var jobId))
        {
            // Not a job of this system: nothing to tell a grain, so only the queue hears about it.
            await FailQueueOnlyAsync(task, $"Task id '{task.Id}' is not a job id.");
            return JobOutcome.FailedPermanently;
        }

        _activity.JobStarted(task.Id);
        var outcome = JobOutcome.FailedTransiently;
        string? audioPath = null;
        try
        {
            outcome = await RunJobAsync(task, jobId, path => audioPath = path, abort);
        }
        finally
        {
            DeleteQuietly(audioPath, task.Id);
            _activity.JobEnded(task.Id, outcome);
            LogEnded(_logger, task.Id, worker, task.Attempt, outcome);
        }

        return outcome;
    }

    private async Task<JobOutcome> RunJobAsync(ClaimedTask task, Guid jobId, Action<string> downloaded, CancellationToken abort)
    {
        var started = _time.GetTimestamp();
        var grain = _grains.Resolve(jobId);
        string? uploadName = null;
        string? audioPath = null;
        using var downloadCancellation = CancellationTokenSource.CreateLinkedTokenSource(abort);
        Task<string>? download = null;
        Task<TransitionResult>? claim = null;
        try
        {
            // Reading the job, telling the grain and fetching the audio do not depend on each other: all three at once.
            // The read goes first, so the grain answers it from memory before it writes the claim; the download's
            // lookup interleaves with that write; the engine starts once the job and its audio are here, and the claim
            // is only awaited before the result is delivered. A download the job turns out not to need is cancelled
            // and deleted below.
            download = _downloader.DownloadAsync(jobId, task.WorkerId, downloadCancellation.Token);
            var read = grain.GetAsync();

            // The queue's claim time, the same one task:claimed carries, so the routed event is recognised as a duplicate.
            claim = grain.ClaimedAsync(new JobClaim(task.WorkerId, task.Attempt, task.ClaimedAt));
            var snapshot = await read;
            if (snapshot is null)
            {
                return await FailAsync(task, grain, "Unknown job: the web tier has no job with this id.", permanent: true, tellGrain: false);
            }

            if (snapshot.Status == JobStatus.Completed)
            {
                // Already done (a duplicate delivery): finish the task without running it again.
                await AckAsync(task);
                return JobOutcome.Skipped;
            }

            if (snapshot.Status is JobStatus.Cancelled or JobStatus.Failed)
            {
                await FailAsync(task, grain, $"The job is {snapshot.Status.ToWire()}; not transcribing it.", permanent: true, tellGrain: false);
                return JobOutcome.Skipped;
            }

            uploadName = snapshot.FileName;
            NoteOptions noteOptions;
            MidiOptions midiOptions;
            try
            {
                noteOptions = JobOptionsMapper.ToNoteOptions(snapshot.Options);
                midiOptions = JobOptionsMapper.ToMidiOptions(snapshot.Options);
            }
            catch (ArgumentException ex)
            {
                return await FailAsync(task, grain, $"Invalid job options: {ex.Message}", permanent: true);
            }

            var pending = download;
            download = null;
            audioPath = await pending;
            downloaded(audioPath);
            if (_time.GetElapsedTime(started) > _lease / 2 && !await _queue.RenewLeaseAsync(task.Id, task.WorkerId, _lease, CancellationToken.None))
            {
                // A slow download may have outlived the lease; a quick one cannot have (the engine's first progress
                // report renews it either way), so only a slow one pays for the check.
                LogLeaseLostBeforeTranscribing(_logger, task.Id, task.WorkerId, task.Attempt);
                return JobOutcome.LeaseLost;
            }

            var (result, elapsed, leaseLost) = await TranscribeAsync(task, grain, audioPath, noteOptions, abort);
            if (leaseLost || result is null)
            {
                return JobOutcome.LeaseLost;
            }

            // The grain must have the claim before the result: a failed claim fails this attempt (transient) here.
            var claimed = claim;
            claim = null;
            await claimed;
            var files = ResultFilesFor(result, midiOptions, elapsed);
            var receipt = await _uploader.UploadAsync(jobId, task.WorkerId, files, abort);
            if (!receipt.Applied)
            {
                LogResultNotApplied(_logger, task.Id, task.WorkerId, task.Attempt, receipt.Status, receipt.Reason);
            }

            return await AckAsync(task) ? JobOutcome.Completed : JobOutcome.CompletedLate;
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            return await HandBackAsync(task, grain);
        }
        catch (AudioDecodeException ex)
        {
            return await FailAsync(task, grain, DecoderReason(ex, audioPath, uploadName), permanent: true);
        }
        catch (WebTierException ex)
        {
            return await FailAsync(task, grain, ex.Message, ex.Permanent);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Network errors, timeouts, an unreachable grain, anything unexpected: worth another attempt.
            LogUnexpected(_logger, ex, task.Id, task.WorkerId, task.Attempt);
            return await FailAsync(task, grain, $"{ex.GetType().Name}: {ex.Message}", permanent: false);
        }
        finally
        {
            if (download is not null)
            {
                await DiscardDownloadAsync(download, downloadCancellation, task.Id);
            }

            if (claim is not null)
            {
                await ObserveClaimAsync(claim, task);
            }
        }
    }

    /// <summary>
    /// Waits for a claim the attempt ended without needing (it failed, was skipped or was handed back first), so its
    /// outcome is never left unobserved; a failure of it no longer matters and is only logged.
    /// </summary>
    private async Task ObserveClaimAsync(Task<TransitionResult> claim, ClaimedTask task)
    {
        try
        {
            await claim;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogGrainCallFailed(_logger, ex, task.Id, task.WorkerId, "ClaimedAsync");
        }
    }

    /// <summary>Stops a download the job did not need and deletes whatever it wrote; its failure no longer matters.</summary>
    private async Task DiscardDownloadAsync(Task<string> download, CancellationTokenSource cancellation, string taskId)
    {
        await cancellation.CancelAsync();
        try
        {
            DeleteQuietly(await download, taskId);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The downloader deletes its partial file when it fails.
            LogDownloadDiscarded(_logger, ex, taskId);
        }
    }

    private async Task<(TranscriptionResult? Result, TimeSpan Elapsed, bool LeaseLost)> TranscribeAsync(
        ClaimedTask task, ITranscriptionGrain grain, string audioPath, NoteOptions options, CancellationToken abort)
    {
        using var engineCancellation = CancellationTokenSource.CreateLinkedTokenSource(abort);
        var progress = new ProgressForwarder(task, grain, _queue, engineCancellation, _logger);
        var clock = Stopwatch.StartNew();
        try
        {
            // The engine is CPU/GPU-bound and synchronous: it runs on an engine thread, never on a pool thread.
            var result = await _engineThreads.RunAsync(() => _engine.Transcribe(audioPath, options, progress, engineCancellation.Token));
            clock.Stop();
            await progress.CompleteAsync();
            return (result, clock.Elapsed, progress.LeaseLost);
        }
        catch (OperationCanceledException) when (progress.LeaseLost)
        {
            await progress.CompleteAsync();
            return (null, clock.Elapsed, true);
        }
        catch
        {
            await progress.CompleteAsync();
            throw;
        }
    }

    /// <summary>The decoder's message, naming the file as the user uploaded it rather than the worker's temporary copy.</summary>
    private static string DecoderReason(AudioDecodeException ex, string? audioPath, string? uploadName) =>
        audioPath is null || string.IsNullOrEmpty(uploadName)
            ? ex.Message
            : ex.Message.Replace(Path.GetFileName(audioPath), uploadName, StringComparison.Ordinal);

    private static ResultFiles ResultFilesFor(TranscriptionResult result, MidiOptions midiOptions, TimeSpan processing)
    {
        using var midi = new MemoryStream();
        MidiWriter.Write(midi, result.Notes, midiOptions);
        using var notes = new MemoryStream();
        NoteListWriter.WriteJson(notes, result.Notes);
        int? lowest = result.Notes.Count == 0 ? null : result.Notes.Min(n => n.Pitch);
        int? highest = result.Notes.Count == 0 ? null : result.Notes.Max(n => n.Pitch);
        var summary = new JobResultSummary(result.Notes.Count, lowest, highest, result.AudioSeconds, processing.TotalSeconds);
        return new ResultFiles(midi.ToArray(), notes.ToArray(), summary);
    }

    private async Task<bool> AckAsync(ClaimedTask task)
    {
        // Not cancellable: once the result is delivered, the ack must go out even while shutting down.
        var ack = await _queue.AckAsync(task.Id, task.WorkerId, CancellationToken.None);
        if (ack == AckResult.NotOwner)
        {
            LogLateResult(_logger, task.Id, task.WorkerId, task.Attempt);
            return false;
        }

        LogAcked(_logger, task.Id, task.WorkerId, task.Attempt);
        return true;
    }

    private async Task<JobOutcome> FailAsync(ClaimedTask task, ITranscriptionGrain grain, string reason, bool permanent, bool tellGrain = true)
    {
        FailResult result;
        try
        {
            result = await _queue.FailAsync(task.Id, task.WorkerId, reason, permanent, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The lease runs out and the supervisor requeues it; nothing else to do from here.
            LogQueueUnreachable(_logger, ex, task.Id, task.WorkerId, task.Attempt);
            return permanent ? JobOutcome.FailedPermanently : JobOutcome.FailedTransiently;
        }

        if (result.Outcome == FailOutcome.NotOwner)
        {
            LogFailureIgnored(_logger, task.Id, task.WorkerId, task.Attempt, reason);
            return JobOutcome.LeaseLost;
        }

        var deadLettered = result.Outcome == FailOutcome.DeadLettered;
        LogFailed(_logger, task.Id, task.WorkerId, task.Attempt, deadLettered, reason);
        if (tellGrain)
        {
            try
            {
                // Out of attempts counts as permanent for the grain too.
                await grain.FailedAsync(new JobFailure(task.WorkerId, reason, deadLettered));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The web tier routes task:failed from Redis into the grain as well.
                LogGrainCallFailed(_logger, ex, task.Id, task.WorkerId, "FailedAsync");
            }
        }

        return deadLettered ? JobOutcome.FailedPermanently : JobOutcome.FailedTransiently;
    }

    private async Task FailQueueOnlyAsync(ClaimedTask task, string reason)
    {
        try
        {
            await _queue.FailAsync(task.Id, task.WorkerId, reason, permanent: true, CancellationToken.None);
            LogFailed(_logger, task.Id, task.WorkerId, task.Attempt, true, reason);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogQueueUnreachable(_logger, ex, task.Id, task.WorkerId, task.Attempt);
        }
    }

    private async Task<JobOutcome> HandBackAsync(ClaimedTask task, ITranscriptionGrain grain)
    {
        const string reason = "worker shutting down";
        if (!await _queue.HandBackAsync(task.Id, task.WorkerId, CancellationToken.None))
        {
            LogFailureIgnored(_logger, task.Id, task.WorkerId, task.Attempt, reason);
            return JobOutcome.LeaseLost;
        }

        LogHandedBack(_logger, task.Id, task.WorkerId, task.Attempt);
        try
        {
            await grain.RequeuedAsync(task.WorkerId, reason);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogGrainCallFailed(_logger, ex, task.Id, task.WorkerId, "RequeuedAsync");
        }

        return JobOutcome.HandedBack;
    }

    private void DeleteQuietly(string? path, string taskId)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogTempFileKept(_logger, ex, taskId, path);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} claimed by {WorkerId}, attempt {Attempt}")]
    private static partial void LogClaimed(ILogger logger, string jobId, string workerId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} on {WorkerId} attempt {Attempt} ended: {Outcome}")]
    private static partial void LogEnded(ILogger logger, string jobId, string workerId, int attempt, JobOutcome outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} acknowledged by {WorkerId}, attempt {Attempt}")]
    private static partial void LogAcked(ILogger logger, string jobId, string workerId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: the result of {WorkerId} attempt {Attempt} was late: another worker owns the task now")]
    private static partial void LogLateResult(ILogger logger, string jobId, string workerId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: the web tier did not apply the result of {WorkerId} attempt {Attempt} (status {Status}): {Reason}")]
    private static partial void LogResultNotApplied(ILogger logger, string jobId, string workerId, int attempt, string? status, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} on {WorkerId} attempt {Attempt}: the lease was taken over while downloading; stopping")]
    private static partial void LogLeaseLostBeforeTranscribing(ILogger logger, string jobId, string workerId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} on {WorkerId} attempt {Attempt} failed (permanent: {Permanent}): {Reason}")]
    private static partial void LogFailed(ILogger logger, string jobId, string workerId, int attempt, bool permanent, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: {WorkerId} attempt {Attempt} no longer owns the task; '{Reason}' not recorded")]
    private static partial void LogFailureIgnored(ILogger logger, string jobId, string workerId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} handed back by {WorkerId} (attempt {Attempt} given back): worker shutting down")]
    private static partial void LogHandedBack(ILogger logger, string jobId, string workerId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} on {WorkerId} attempt {Attempt}: unexpected error")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string jobId, string workerId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} on {WorkerId} attempt {Attempt}: the queue could not record the failure; the supervisor will requeue it when the lease runs out")]
    private static partial void LogQueueUnreachable(ILogger logger, Exception exception, string jobId, string workerId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} on {WorkerId}: grain call {Method} failed")]
    private static partial void LogGrainCallFailed(ILogger logger, Exception exception, string jobId, string workerId, string method);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId}: the audio download the job did not need failed")]
    private static partial void LogDownloadDiscarded(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: could not delete the temporary file {Path}")]
    private static partial void LogTempFileKept(ILogger logger, Exception exception, string jobId, string path);
}
