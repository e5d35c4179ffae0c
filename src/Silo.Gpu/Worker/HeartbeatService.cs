using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WhatsTheTab.Silo.Gpu.Configuration;
using WhatsTheTab.TaskQueue;
using WhatsTheTab.Transcription;

namespace WhatsTheTab.Silo.Gpu.Worker;

/// <summary>
/// Writes <c>worker:{id}</c> (host, device, current task, counters) every <see cref="QueueOptions.HeartbeatInterval"/>
/// with the queue's heartbeat TTL; when it stops being written the supervisor takes this worker's tasks back.
/// </summary>
public sealed partial class HeartbeatService : BackgroundService
{
    private readonly ITaskQueueClient _queue;
    private readonly WorkerActivity _activity;
    private readonly WorkerOptions _options;
    private readonly QueueOptions _queueOptions;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _host = Environment.MachineName;

    public HeartbeatService(
        ITaskQueueClient queue,
        WorkerActivity activity,
        TranscriptionEngine engine,
        IOptions<WorkerOptions> options,
        IOptions<QueueOptions> queueOptions,
        TimeProvider time,
        ILogger<HeartbeatService> logger)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(queueOptions);
        _queue = queue;
        _activity = activity;
        _options = options.Value;
        _queueOptions = queueOptions.Value;
        _time = time;
        _logger = logger;
        Device = engine.DeviceName;
    }

    /// <summary>The device the heartbeat reports ("cpu" or "cuda").</summary>
    public string Device { get; }

    /// <summary>Writes one heartbeat now.</summary>
    public Task BeatAsync(CancellationToken cancellationToken) =>
        _queue.HeartbeatAsync(
            _options.WorkerId ?? throw new InvalidOperationException("Worker:WorkerId was not resolved."),
            new WorkerInfo(_host, Device, _activity.CurrentTask, _activity.Completed, _activity.Failed, _activity.StartedAt),
            ttl: null,
            cancellationToken);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_queueOptions.HeartbeatInterval, _time);
        do
        {
            try
            {
                await BeatAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogHeartbeatFailed(_logger, ex, _options.WorkerId);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker {WorkerId}: heartbeat not written")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception, string? workerId);
}
