namespace WhatsTheTab.TaskQueue;

/// <summary>What <see cref="ITaskQueueClient.FailAsync"/> did.</summary>
/// <param name="Outcome">Where the task went.</param>
/// <param name="RetryAt">When a scheduled retry becomes due; null otherwise.</param>
public sealed record FailResult(FailOutcome Outcome, DateTimeOffset? RetryAt);
