using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WhatsTheTab.Silo.Gpu.Configuration;

namespace WhatsTheTab.Silo.Gpu.Worker;

/// <summary>
/// The long-lived threads the engine runs on, one per worker slot. A fresh thread per job would make libtorch, oneDNN
/// and the C allocator set up their per-thread state (scratch buffers, arenas) again for every job and keep much of it
/// after the thread is gone: measured here, a process running 200 short jobs each on a new thread ended ~100 MiB larger
/// than one running them on a single thread.
/// </summary>
public sealed class EngineThreads : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread[] _threads;

    public EngineThreads(IOptions<WorkerOptions> options)
        : this(options?.Value.Concurrency ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    public EngineThreads(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _threads = new Thread[count];
        for (var i = 0; i < count; i++)
        {
            // Background threads: a stuck inference never keeps the process alive past the host's shutdown.
            _threads[i] = new Thread(Drain) { IsBackground = true, Name = $"engine-{i}" };
            _threads[i].Start();
        }
    }

    /// <summary>Runs <paramref name="work"/> on one of the engine threads; its result or exception completes the task.</summary>
    public Task<T> RunAsync<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                completion.SetResult(work());
            }
            catch (Exception ex)
            {
                completion.SetException(ex);
            }
        });
        return completion.Task;
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }
    }

    private void Drain()
    {
        foreach (var work in _work.GetConsumingEnumerable())
        {
            work();
        }
    }
}
