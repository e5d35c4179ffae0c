using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.TaskQueue;

namespace WhatsTheTab.Silo.Web.Supervisor;

/// <summary>
/// Every <see cref="SupervisorOptions.Interval"/>: takes back leases that expired or whose worker's heartbeat vanished
/// (<see cref="ITaskQueueClient.RequeueExpiredAsync"/>) and tells each job's grain (back to pending, or failed for good
/// when a poison job was dead-lettered), then moves due retries back to the queue (their grains are already pending).
/// Several web silos may run it at once: the queue's Lua scripts recover each lease exactly once.
/// </summary>
public sealed partial class QueueSupervisor : BackgroundService
{
    private readonly ITaskQueueClient _queue;
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly SupervisorOptions _options;
    private readonly QueueOptions _queueOptions;
    private readonly ILogger<QueueSupervisor> _logger;

    public QueueSupervisor(
        ITaskQueueClient queue,
        IGrainFactory grains,
        TimeProvider time,
        IOptions<SupervisorOptions> options,
        IOptions<QueueOptions> queueOptions,
        ILogger<QueueSupervisor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(queueOptions);
        _queue = queue;
        _grains = grains;
        _time = time;
        _options = options.Value;
        _queueOptions = queueOptions.Value;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarted(_logger, _options.Interval, _queueOptions.MaxAttempts);
        using var timer = new PeriodicTimer(_options.Interval, _time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException or OrleansException)
            {
                LogPassFailed(_logger, e);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>One pass: recover expired leases and tell their grains, then promote due retries.</summary>
    internal async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var recovered = await _queue.RequeueExpiredAsync(now, _queueOptions.MaxAttempts, cancellationToken);
        foreach (var task in recovered)
        {
            await TellGrainAsync(task);
        }

        var promoted = await _queue.PromoteDueAsync(now, cancellationToken);
        if (promoted.Count > 0)
        {
            // Their grains went back to pending when the transient failure was reported; nothing to tell them.
            LogPromoted(_logger, promoted.Count);
        }
    }

    private async Task TellGrainAsync(RecoveredTask task)
    {
        if (!Guid.TryParse(task.Id, out var jobId))
        {
            LogNotAJob(_logger, task.Id, task.Outcome);
            return;
        }

        var worker = string.IsNullOrEmpty(task.WorkerId) ? null : task.WorkerId;
        var grain = _grains.GetGrain<ITranscriptionGrain>(jobId);
        try
        {
            var outcome = task.Outcome == RecoveryOutcome.DeadLettered
                ? await grain.FailedAsync(new JobFailure(worker, task.Reason, Permanent: true))
                : await grain.RequeuedAsync(worker, task.Reason);
            LogRecovered(_logger, task.Id, task.Outcome, task.Attempts, task.Reason, outcome.Applied);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            // The queue already moved the task; the grain learns of it when the task is claimed again or fails.
            LogTellFailed(_logger, task.Id, e);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue supervisor running every {Interval} (poison after {MaxAttempts} attempts)")]
    private static partial void LogStarted(ILogger logger, TimeSpan interval, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} {Outcome} after {Attempts} attempts: {Reason} (grain updated: {Applied})")]
    private static partial void LogRecovered(ILogger logger, string taskId, RecoveryOutcome outcome, int attempts, string reason, bool applied);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} {Outcome} by the supervisor, but its id is not a job id (GUID)")]
    private static partial void LogNotAJob(ILogger logger, string taskId, RecoveryOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the grain of task {TaskId} that the supervisor recovered it")]
    private static partial void LogTellFailed(ILogger logger, string taskId, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Promoted {Count} due retries to the queue")]
    private static partial void LogPromoted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Supervisor pass failed; trying again at the next interval")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
