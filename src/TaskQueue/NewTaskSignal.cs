namespace WhatsTheTab.TaskQueue;

/// <summary>
/// Wakes claims that wait on an empty queue when a <c>task:new</c> notification arrives. A waiter takes
/// <see cref="Current"/> before it looks at the queue, so a notification that lands between its look and its wait
/// still wakes it.
/// </summary>
internal sealed class NewTaskSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Pulse"/>.</summary>
    public Task Current => Volatile.Read(ref _next).Task;

    /// <summary>Wakes every current waiter.</summary>
    public void Pulse()
    {
        var fired = Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        fired.TrySetResult();
    }
}
