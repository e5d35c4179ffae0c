using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WhatsTheTab.Silo.Gpu.Configuration;

namespace WhatsTheTab.Silo.Gpu.Worker;

/// <summary>
/// The long-lived threads the engine runs on, one per worker slot, scheduled as <see cref="WorkerOptions.EnginePriority"/>
/// says. A fresh thread per job would make libtorch, oneDNN and the C allocator set up their per-thread state (scratch
/// buffers, arenas) again for every job and keep much of it after the thread is gone: measured here, a process running
/// 200 short jobs each on a new thread ended ~100 MiB larger than one running them on a single thread.
/// </summary>
/// <remarks>
/// With <see cref="EnginePriority.Idle"/> each thread moves itself to <c>SCHED_IDLE</c> before its first job; threads
/// it starts (libtorch's intra-op pool, when <see cref="WorkerOptions.Threads"/> is above one and the pool is first
/// used from an engine thread) inherit the policy. Where the call is not available (not Linux) the threads stay as
/// they are and a warning says so.
/// </remarks>
public sealed partial class EngineThreads : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread[] _threads;
    private readonly EnginePriority _priority;
    private readonly ILogger _logger;

    public EngineThreads(IOptions<WorkerOptions> options, ILogger<EngineThreads> logger)
        : this(
            options?.Value.Concurrency ?? throw new ArgumentNullException(nameof(options)),
            options.Value.EnginePriority,
            logger)
    {
    }

    public EngineThreads(int count, EnginePriority priority, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _priority = priority;
        _logger = logger;
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

    /// <summary>
    /// Moves the calling thread to <c>SCHED_IDLE</c>; returns the error number when the system refuses (0 on success).
    /// </summary>
    private static int MakeCurrentThreadIdle()
    {
        if (!OperatingSystem.IsLinux())
        {
            return -1;
        }

        return NativeMethods.SchedSetScheduler(0, NativeMethods.SchedIdle, new NativeMethods.SchedParam(0)) == 0
            ? 0
            : System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
    }

    private void Drain()
    {
        if (_priority == EnginePriority.Idle)
        {
            var error = MakeCurrentThreadIdle();
            if (error == 0)
            {
                LogScheduledIdle(_logger, Thread.CurrentThread.Name);
            }
            else
            {
                LogNotScheduledIdle(_logger, Thread.CurrentThread.Name, error);
            }
        }

        foreach (var work in _work.GetConsumingEnumerable())
        {
            work();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Engine thread {Thread} runs at SCHED_IDLE")]
    private static partial void LogScheduledIdle(ILogger logger, string? thread);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Engine thread {Thread} could not move to SCHED_IDLE (error {Error}; -1: not Linux); it keeps the normal policy")]
    private static partial void LogNotScheduledIdle(ILogger logger, string? thread, int error);
}
