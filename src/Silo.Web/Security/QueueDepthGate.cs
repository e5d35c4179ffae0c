using StackExchange.Redis;
using WhatsTheTab.TaskQueue;

namespace WhatsTheTab.Silo.Web.Security;

/// <summary>
/// Decides whether a new job may be queued: refused once <c>task:queue</c> holds <see cref="BackPressureOptions.MaxQueueDepth"/>
/// tasks. The depth is read at most once a second while it is far from the limit (a reading plus the jobs admitted since
/// stays below it); close to the limit every decision reads it again, so the limit holds exactly on one silo.
/// </summary>
public sealed partial class QueueDepthGate
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    private readonly ITaskQueueClient _queue;
    private readonly TimeProvider _time;
    private readonly ILogger<QueueDepthGate> _logger;
    private readonly long _limit;
    private readonly Lock _lock = new();
    private long _depth;
    private long _admittedSinceReading;
    private long _readAt;
    private bool _hasReading;

    public QueueDepthGate(ITaskQueueClient queue, BackPressureOptions options, TimeProvider time, ILogger<QueueDepthGate> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _queue = queue;
        _time = time;
        _logger = logger;
        _limit = options.MaxQueueDepth;
    }

    /// <summary>The most tasks the queue may hold.</summary>
    public long Limit => _limit;

    /// <summary>Null when a job may be queued (and counts it); otherwise the queue's depth. When Redis cannot say, the job goes ahead.</summary>
    public async Task<long?> RefuseAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_hasReading && _time.GetElapsedTime(_readAt) < Freshness && _depth + _admittedSinceReading < _limit)
            {
                _admittedSinceReading++;
                return null;
            }
        }

        long depth;
        try
        {
            depth = (await _queue.GetDepthsAsync(cancellationToken)).Queued;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The submission itself reports an unavailable queue.
            LogDepthUnavailable(_logger, ex.Message);
            return null;
        }

        lock (_lock)
        {
            _depth = depth;
            _readAt = _time.GetTimestamp();
            _hasReading = true;
            _admittedSinceReading = 0;
            if (depth >= _limit)
            {
                return depth;
            }

            _admittedSinceReading = 1;
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue depth unavailable for back-pressure: {Reason}")]
    private static partial void LogDepthUnavailable(ILogger logger, string reason);
}
