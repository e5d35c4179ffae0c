using WhatsTheTab.TaskQueue;

namespace WhatsTheTab.Silo.Web.Jobs;

/// <summary>The size of every list and sorted set of the task queue (<c>GET /api/queue</c>), under the Redis key names too.</summary>
/// <param name="Queued"><c>task:queue</c>: waiting for a worker.</param>
/// <param name="Processing"><c>task:processing</c>: claimed.</param>
/// <param name="Leased"><c>task:processing:time</c>: claims with a lease deadline.</param>
/// <param name="Delayed"><c>task:delayed</c>: transient failures waiting for their retry.</param>
/// <param name="DeadLettered"><c>task:failed</c>: the dead letter list.</param>
/// <param name="Results"><c>task:results</c>: completions not yet applied to their job.</param>
/// <param name="Keys">The same numbers by Redis key name.</param>
public sealed record QueueDepthsView(
    long Queued,
    long Processing,
    long Leased,
    long Delayed,
    long DeadLettered,
    long Results,
    IReadOnlyDictionary<string, long> Keys)
{
    public static QueueDepthsView From(QueueDepths depths, WhatsTheTab.Grains.Abstractions.Redis.RedisKeys keys)
    {
        ArgumentNullException.ThrowIfNull(depths);
        ArgumentNullException.ThrowIfNull(keys);
        return new QueueDepthsView(
            depths.Queued,
            depths.Processing,
            depths.Leased,
            depths.Delayed,
            depths.DeadLettered,
            depths.Results,
            new Dictionary<string, long>(StringComparer.Ordinal)
            {
                [keys.Queue] = depths.Queued,
                [keys.Processing] = depths.Processing,
                [keys.ProcessingDeadlines] = depths.Leased,
                [keys.Delayed] = depths.Delayed,
                [keys.Failed] = depths.DeadLettered,
                [keys.Results] = depths.Results,
            });
    }
}
