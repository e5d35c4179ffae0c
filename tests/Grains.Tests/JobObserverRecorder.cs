using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Grains.Tests;

/// <summary>A watcher that keeps every change it is sent, in arrival order, and lets a test wait for one.</summary>
public sealed class JobObserverRecorder : IJobObserver
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);
    private readonly Lock _gate = new();
    private readonly List<JobChange> _changes = [];
    private readonly List<(Func<JobChange, bool> Match, TaskCompletionSource Done)> _waiters = [];

    public IReadOnlyList<JobChange> Changes
    {
        get
        {
            lock (_gate)
            {
                return [.. _changes];
            }
        }
    }

    public Task OnJobChangedAsync(JobChange change)
    {
        lock (_gate)
        {
            _changes.Add(change);
            foreach (var waiter in _waiters.Where(w => w.Match(change)).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Completes when a change matching <paramref name="match"/> has arrived (fails the test after 30 s).</summary>
    public Task WaitForAsync(Func<JobChange, bool> match)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_changes.Exists(c => match(c)))
            {
                return Task.CompletedTask;
            }

            _waiters.Add((match, done));
        }

        return done.Task.WaitAsync(WaitLimit);
    }
}
