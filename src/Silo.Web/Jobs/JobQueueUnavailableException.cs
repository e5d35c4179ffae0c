namespace WhatsTheTab.Silo.Web.Jobs;

/// <summary>The job exists but could not be put on the task queue (Redis unreachable); it was failed with a retryable reason.</summary>
public sealed class JobQueueUnavailableException : Exception
{
    public JobQueueUnavailableException()
    {
    }

    public JobQueueUnavailableException(string message)
        : base(message)
    {
    }

    public JobQueueUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
