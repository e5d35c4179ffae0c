using Orleans.Concurrency;

namespace WhatsTheTab.Grains.Abstractions.Jobs;

/// <summary>Receives a job's changes as they happen (SSE streams and the web UI subscribe through the grain).</summary>
public interface IJobObserver : IGrainObserver
{
    /// <summary>The job changed; <paramref name="change"/> says what happened and carries the new snapshot.</summary>
    [OneWay]
    Task OnJobChangedAsync(JobChange change);
}
