using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WhatsTheTab.Silo.Gpu.Configuration;
using WhatsTheTab.TaskQueue;

namespace WhatsTheTab.Silo.Gpu.Worker;

/// <summary>
/// The worker loop: claim (blocking with a timeout; <c>task:new</c> only wakes it early), run the claimed task, repeat,
/// in <see cref="WorkerOptions.Concurrency"/> slots. On shutdown it stops claiming at once and gives the running jobs
/// the grace period to finish; after that the engine is cancelled between batches and the jobs are handed back.
/// </summary>
public sealed partial class TranscriptionWorker : BackgroundService
{
    private static readonly TimeSpan RetryAfterQueueError = TimeSpan.FromSeconds(2);

    private readonly ITaskQueueClient _queue;
    private readonly JobRunner _runner;
    private readonly WorkerOptions _options;
    private readonly QueueOptions _queueOptions;
    private readonly TimeSpan _grace;
    private readonly ILogger _logger;

    public TranscriptionWorker(
        ITaskQueueClient queue,
        JobRunner runner,
        IOptions<WorkerOptions> options,
        IOptions<QueueOptions> queueOptions,
        IOptions<HostOptions> hostOptions,
        ILogger<TranscriptionWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(queueOptions);
        ArgumentNullException.ThrowIfNull(hostOptions);
        _queue = queue;
        _runner = runner;
        _options = options.Value;
        _queueOptions = queueOptions.Value;
        _logger = logger;
        _grace = GracePeriod(_options.ShutdownGrace, hostOptions.Value.ShutdownTimeout);
    }

    /// <summary>The worker id the loop claims with.</summary>
    public string WorkerId => _options.WorkerId ?? throw new InvalidOperationException("Worker:WorkerId was not resolved.");

    /// <summary>
    /// How long running jobs may go on after shutdown begins: the configured grace, or the host's shutdown timeout minus
    /// a margin for the hand-back (5 s, or a quarter of the timeout when that is shorter); never beyond the timeout.
    /// </summary>
    public static TimeSpan GracePeriod(TimeSpan? configured, TimeSpan shutdownTimeout)
    {
        var margin = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(5).Ticks, shutdownTimeout.Ticks / 4));
        var latest = shutdownTimeout - margin;
        if (latest < TimeSpan.Zero)
        {
            latest = TimeSpan.Zero;
        }

        return configured is { } grace && grace < latest ? grace : latest;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var abort = new CancellationTokenSource();
        await using var onStopping = stoppingToken.Register(() =>
        {
            LogStopping(_logger, WorkerId, _grace.TotalSeconds);
            if (_grace <= TimeSpan.Zero)
            {
                abort.Cancel();
            }
            else
            {
                abort.CancelAfter(_grace);
            }
        });

        LogStarted(_logger, WorkerId, _options.Concurrency);
        var slots = Enumerable.Range(0, _options.Concurrency).Select(slot => RunSlotAsync(slot, stoppingToken, abort.Token));
        await Task.WhenAll(slots);
        LogStopped(_logger, WorkerId);
    }

    private async Task RunSlotAsync(int slot, CancellationToken stoppingToken, CancellationToken abort)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            ClaimedTask? task;
            try
            {
                task = await _queue.ClaimAsync(WorkerId, _queueOptions.LeaseDuration, _options.ClaimTimeout, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogClaimFailed(_logger, ex, WorkerId, slot);
                try
                {
                    await Task.Delay(RetryAfterQueueError, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                continue;
            }

            if (task is null)
            {
                continue;
            }

            try
            {
                await _runner.RunAsync(task, abort);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The runner handles a job's own failures; this is the queue failing under it. The lease expires and
                // the supervisor requeues the task.
                LogJobCrashed(_logger, ex, task.Id, WorkerId, task.Attempt);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} claiming with {Slots} slot(s)")]
    private static partial void LogStarted(ILogger logger, string workerId, int slots);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} stopping: no new claims; running jobs have {GraceSeconds:F1} s to finish before they are handed back")]
    private static partial void LogStopping(ILogger logger, string workerId, double graceSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} stopped")]
    private static partial void LogStopped(ILogger logger, string workerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker {WorkerId} slot {Slot}: claiming failed; trying again shortly")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception, string workerId, int slot);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} on {WorkerId} attempt {Attempt}: the queue failed while finishing it; the supervisor will requeue it")]
    private static partial void LogJobCrashed(ILogger logger, Exception exception, string jobId, string workerId, int attempt);
}
