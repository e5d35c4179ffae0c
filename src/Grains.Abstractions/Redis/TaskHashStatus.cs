namespace WhatsTheTab.Grains.Abstractions.Redis;

/// <summary>Values of the <see cref="TaskHashFields.Status"/> field: the queue-level state of one task.</summary>
public static class TaskHashStatus
{
    /// <summary>In <c>task:queue</c>, waiting for a worker.</summary>
    public const string Pending = "pending";

    /// <summary>In <c>task:processing</c>, leased to <see cref="TaskHashFields.Worker"/>.</summary>
    public const string Processing = "processing";

    /// <summary>In <c>task:delayed</c>, waiting for its retry's due time.</summary>
    public const string Delayed = "delayed";

    /// <summary>Acknowledged by its worker; its id went to <c>task:results</c>.</summary>
    public const string Completed = "completed";

    /// <summary>In the dead letter list <c>task:failed</c>; the hash expires after the dead-letter TTL.</summary>
    public const string Failed = "failed";
}
