using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WhatsTheTab.Grains.Abstractions.Redis;
using WhatsTheTab.TaskQueue;

namespace WhatsTheTab.Silo.Web.Jobs;

/// <summary>What the queue client does not expose: the key names in use and where a pending job stands in <c>task:queue</c> (LPOS).</summary>
public sealed partial class QueueInspector
{
    private readonly IConnectionMultiplexer _redis;
    private readonly ILogger<QueueInspector> _logger;

    public QueueInspector(IConnectionMultiplexer redis, IOptions<QueueOptions> options, ILogger<QueueInspector> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _redis = redis;
        _logger = logger;
        Keys = new RedisKeys(options.Value.KeyPrefix);
    }

    /// <summary>The queue's key names (with the configured prefix).</summary>
    public RedisKeys Keys { get; }

    /// <summary>1 for the next task a worker takes, 2 for the one after…; null when the id is not in the queue or Redis cannot say.</summary>
    public async Task<long?> PositionAsync(Guid jobId)
    {
        try
        {
            var index = await _redis.GetDatabase().ListPositionAsync(Keys.Queue, jobId.ToString("D"));
            return index >= 0 ? index + 1 : null;
        }
        catch (RedisException ex)
        {
            LogPositionUnavailable(_logger, jobId, ex.Message);
            return null;
        }
        catch (TimeoutException ex)
        {
            LogPositionUnavailable(_logger, jobId, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue position of job {JobId} unavailable: {Reason}")]
    private static partial void LogPositionUnavailable(ILogger logger, Guid jobId, string reason);
}
