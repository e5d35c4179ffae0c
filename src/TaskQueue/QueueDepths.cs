namespace WhatsTheTab.TaskQueue;

/// <summary>The sizes of every list and sorted set of the queue.</summary>
/// <param name="Queued">LLEN <c>task:queue</c>.</param>
/// <param name="Processing">LLEN <c>task:processing</c>.</param>
/// <param name="Leased">ZCARD <c>task:processing:time</c>.</param>
/// <param name="Delayed">ZCARD <c>task:delayed</c>.</param>
/// <param name="DeadLettered">LLEN <c>task:failed</c>.</param>
/// <param name="Results">LLEN <c>task:results</c>.</param>
public sealed record QueueDepths(long Queued, long Processing, long Leased, long Delayed, long DeadLettered, long Results);
