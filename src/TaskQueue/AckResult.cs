namespace WhatsTheTab.TaskQueue;

/// <summary>What <see cref="ITaskQueueClient.AckAsync"/> did.</summary>
public enum AckResult
{
    /// <summary>The task is completed: out of <c>task:processing</c>, its id in <c>task:results</c>, <c>task:completed</c> published.</summary>
    Completed,

    /// <summary>Nothing changed: the worker no longer owns the task (its lease was taken over, or it already finished).</summary>
    NotOwner,
}
