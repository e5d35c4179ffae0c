namespace WhatsTheTab.TaskQueue;

/// <summary>What <see cref="ITaskQueueClient.EnqueueAsync"/> did.</summary>
public enum EnqueueResult
{
    /// <summary>The task was recorded, pushed to <c>task:queue</c> and announced on <c>task:new</c>.</summary>
    Enqueued,

    /// <summary>Nothing changed: the id is already pending, processing or waiting for a delayed retry.</summary>
    AlreadyActive,

    /// <summary>Nothing changed: the id already completed or is dead-lettered (use <see cref="ITaskQueueClient.RetryAsync"/> to run a failed one again).</summary>
    AlreadyFinished,
}
