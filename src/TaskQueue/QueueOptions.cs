namespace WhatsTheTab.TaskQueue;

/// <summary>Settings of the reliable Redis task queue, bound from configuration section <see cref="SectionName"/>.</summary>
public sealed class QueueOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Queue";

    /// <summary>
    /// Put in front of every key and channel name. Empty (the default) keeps the seed's names, which a worker written
    /// against the seed needs; a prefix lets several deployments or test runs share one Redis server.
    /// </summary>
    public string KeyPrefix { get; set; } = string.Empty;

    /// <summary>How long a claim is leased before a supervisor may take it back; renewed on every progress report.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The TTL of a <c>worker:{id}</c> heartbeat; a worker whose key expired has its tasks requeued.</summary>
    public TimeSpan HeartbeatTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a worker writes its heartbeat; must be shorter than <see cref="HeartbeatTtl"/>.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts (claims) after which a failing or worker-killing task goes to the dead letter list.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The back-off before the first retry of a transient failure; doubles with every further attempt.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest back-off.</summary>
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The fraction (0 to 1) of each back-off taken off at random, so retries of many tasks do not arrive together.</summary>
    public double BackoffJitter { get; set; } = 0.2;

    /// <summary>How long a dead-lettered task's hash is kept (it expires afterwards); a retry clears the expiry.</summary>
    public TimeSpan DeadLetterTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a completed task's hash is kept; <see cref="TimeSpan.Zero"/> keeps it forever. The grain holds the durable record.</summary>
    public TimeSpan CompletedTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// While a claim waits on an empty queue it tries again at least this often; a <c>task:new</c> notification wakes it
    /// sooner. This bounds the delay when a notification is lost (pub/sub is not a record).
    /// </summary>
    public TimeSpan ClaimPollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
