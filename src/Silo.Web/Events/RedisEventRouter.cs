using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WhatsTheTab.Grains.Abstractions.Redis;
using WhatsTheTab.TaskQueue;

namespace WhatsTheTab.Silo.Web.Events;

/// <summary>
/// Routes the queue's pub/sub events (<c>task:claimed</c>, <c>task:progress:*</c>, <c>task:completed</c>,
/// <c>task:failed</c>) into the job grains, so a worker that speaks only the seed's Redis contract still moves its
/// job; and drains <c>task:results</c> at start-up and every <see cref="EventRouterOptions.DrainInterval"/>, so a
/// completion published while no web silo listened is applied all the same (pub/sub is a notification, not a record).
/// Messages are applied one at a time in the order they arrived, so a job's claim is applied before its progress.
/// </summary>
public sealed partial class RedisEventRouter : BackgroundService
{
    private readonly IConnectionMultiplexer _redis;
    private readonly ITaskQueueClient _queue;
    private readonly JobEventApplier _applier;
    private readonly EventRouterOptions _options;
    private readonly RedisChannels _channels;
    private readonly ILogger<RedisEventRouter> _logger;
    private readonly Channel<(RedisChannel Channel, RedisValue Message)> _inbox =
        Channel.CreateUnbounded<(RedisChannel, RedisValue)>(new UnboundedChannelOptions { SingleReader = true });

    public RedisEventRouter(
        IConnectionMultiplexer redis,
        ITaskQueueClient queue,
        JobEventApplier applier,
        IOptions<EventRouterOptions> options,
        IOptions<QueueOptions> queueOptions,
        ILogger<RedisEventRouter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(queueOptions);
        _redis = redis;
        _queue = queue;
        _applier = applier;
        _options = options.Value;
        _channels = new RedisChannels(queueOptions.Value.KeyPrefix);
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscriber = _redis.GetSubscriber();
        RedisChannel[] channels =
        [
            RedisChannel.Literal(_channels.Claimed),
            RedisChannel.Pattern(_channels.ProgressPattern),
            RedisChannel.Literal(_channels.Completed),
            RedisChannel.Literal(_channels.Failed),
        ];
        var subscriptions = new List<ChannelMessageQueue>(channels.Length);
        try
        {
            // A message queue per subscription keeps each channel's order; all of them feed one inbox read by one loop.
            foreach (var channel in channels)
            {
                var subscription = await subscriber.SubscribeAsync(channel);
                subscription.OnMessage(message => _inbox.Writer.TryWrite((message.Channel, message.Message)));
                subscriptions.Add(subscription);
            }

            LogListening(_logger, _channels.Claimed, _channels.ProgressPattern, _channels.Completed, _channels.Failed);
            var drainLoop = DrainLoopAsync(stoppingToken);
            await foreach (var (channel, message) in _inbox.Reader.ReadAllAsync(stoppingToken))
            {
                await RouteAsync(channel.ToString(), message.ToString(), stoppingToken);
            }

            await drainLoop;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
        finally
        {
            foreach (var subscription in subscriptions)
            {
                try
                {
                    await subscription.UnsubscribeAsync();
                }
                catch (RedisException)
                {
                    // the connection is going away anyway
                }
            }
        }
    }

    /// <summary>Applies one message; malformed payloads and failed grain calls are logged, never fatal.</summary>
    internal async Task RouteAsync(string channel, string payload, CancellationToken cancellationToken)
    {
        try
        {
            if (channel == _channels.Claimed)
            {
                await _applier.ClaimedAsync(TaskEventJson.Deserialize<TaskClaimedEvent>(payload));
            }
            else if (channel.StartsWith(_channels.ProgressPrefix, StringComparison.Ordinal))
            {
                var progress = TaskEventJson.Deserialize<TaskProgressEvent>(payload);

                // A worker acts on the id it claimed: the channel names the task, and a payload naming another is ignored.
                var channelTask = channel[_channels.ProgressPrefix.Length..];
                if (!string.Equals(channelTask, progress.TaskId, StringComparison.Ordinal))
                {
                    LogMismatch(_logger, channel, progress.TaskId);
                    return;
                }

                await _applier.ProgressAsync(progress);
            }
            else if (channel == _channels.Completed)
            {
                await _applier.CompletedAsync(TaskEventJson.Deserialize<TaskCompletedEvent>(payload).TaskId);
            }
            else if (channel == _channels.Failed)
            {
                await _applier.FailedAsync(TaskEventJson.Deserialize<TaskFailedEvent>(payload));
            }
        }
        catch (JsonException e)
        {
            LogMalformed(_logger, channel, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // a grain call failed (silo starting or stopping, storage down): the grain state and task:results recover it
            LogRouteFailed(_logger, channel, e);
        }
    }

    private async Task DrainLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.DrainInterval);
        do
        {
            try
            {
                var applied = await _queue.DrainResultsAsync((id, _) => _applier.CompletedAsync(id), _options.DrainBatchSize, stoppingToken);
                if (applied > 0)
                {
                    LogDrained(_logger, applied);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException or OrleansException)
            {
                LogDrainFailed(_logger, e);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Event router listening on {Claimed}, {Progress}, {Completed}, {Failed}; draining task:results")]
    private static partial void LogListening(ILogger logger, string claimed, string progress, string completed, string failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a message on {Channel}: malformed payload ({Problem})")]
    private static partial void LogMalformed(ILogger logger, string channel, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a message on {Channel}: its payload names task {TaskId}")]
    private static partial void LogMismatch(ILogger logger, string channel, string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing a message on {Channel} failed; the job is recovered from task:results or the supervisor")]
    private static partial void LogRouteFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} completions from task:results")]
    private static partial void LogDrained(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Draining task:results failed; trying again at the next interval")]
    private static partial void LogDrainFailed(ILogger logger, Exception exception);
}
