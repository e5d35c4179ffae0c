using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.TaskQueue;
using WhatsTheTab.Transcription;

namespace WhatsTheTab.Silo.Gpu.Worker;

/// <summary>
/// The engine's progress callback. Each chunk goes, in order, to the queue (<c>ReportProgressAsync</c>: renews the lease
/// and publishes <c>task:progress:{id}</c>) and then to the job grain. When the queue says the worker no longer owns
/// the task, the lease was taken over: <see cref="LeaseLost"/> turns true and the engine is cancelled. The engine runs
/// at most <see cref="Capacity"/> chunks ahead of the last confirmed lease (it waits in <see cref="Report"/> beyond that).
/// </summary>
public sealed partial class ProgressForwarder : IProgress<ChunkProgress>
{
    /// <summary>Chunks the engine may report before the queue has confirmed the earlier ones.</summary>
    public const int Capacity = 8;

    private readonly ClaimedTask _task;
    private readonly ITranscriptionGrain _grain;
    private readonly ITaskQueueClient _queue;
    private readonly CancellationTokenSource _engine;
    private readonly ILogger _logger;
    private readonly Channel<ChunkProgress> _chunks = Channel.CreateBounded<ChunkProgress>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly Task _pump;
    private volatile bool _leaseLost;

    /// <summary>Starts forwarding; <paramref name="engine"/> is cancelled when the lease is lost.</summary>
    public ProgressForwarder(ClaimedTask task, ITranscriptionGrain grain, ITaskQueueClient queue, CancellationTokenSource engine, ILogger logger)
    {
        _task = task;
        _grain = grain;
        _queue = queue;
        _engine = engine;
        _logger = logger;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>True once the queue refused a progress report because another worker (or the supervisor) owns the task.</summary>
    public bool LeaseLost => _leaseLost;

    /// <summary>The last chunk the queue confirmed.</summary>
    public int LastConfirmedChunk { get; private set; }

    /// <inheritdoc />
    public void Report(ChunkProgress value)
    {
        if (_leaseLost || _chunks.Writer.TryWrite(value))
        {
            return;
        }

        // Full: the engine runs on its own thread, so waiting here only holds back inference, never an async caller.
        _chunks.Writer.WriteAsync(value, _engine.Token).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Stops accepting chunks and waits until every reported one was forwarded.</summary>
    public async Task CompleteAsync()
    {
        _chunks.Writer.TryComplete();
        await _pump;
    }

    private async Task PumpAsync()
    {
        await foreach (var chunk in _chunks.Reader.ReadAllAsync())
        {
            if (_leaseLost)
            {
                continue;
            }

            bool owned;
            try
            {
                owned = await _queue.ReportProgressAsync(_task.Id, _task.WorkerId, chunk.Chunk, chunk.TotalChunks);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A Redis hiccup: keep going; the next report renews the lease, and the ack says whether it was kept.
                LogProgressNotRecorded(_logger, ex, _task.Id, _task.WorkerId, chunk.Chunk);
                continue;
            }

            if (!owned)
            {
                _leaseLost = true;
                LogLeaseLost(_logger, _task.Id, _task.WorkerId, _task.Attempt, chunk.Chunk);
                await _engine.CancelAsync();
                continue;
            }

            LastConfirmedChunk = chunk.Chunk;
            LogChunk(_logger, _task.Id, _task.WorkerId, _task.Attempt, chunk.Chunk, chunk.TotalChunks);
            try
            {
                await _grain.ProgressAsync(new JobProgress(_task.WorkerId, chunk.Chunk, chunk.TotalChunks));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The web tier also routes task:progress from Redis into the grain, so a missed direct call loses nothing durable.
                LogGrainProgressFailed(_logger, ex, _task.Id, _task.WorkerId, chunk.Chunk);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId} on {WorkerId} attempt {Attempt}: chunk {Chunk} of {TotalChunks}")]
    private static partial void LogChunk(ILogger logger, string jobId, string workerId, int attempt, int chunk, int totalChunks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} on {WorkerId} attempt {Attempt}: the lease was taken over at chunk {Chunk}; stopping without delivering")]
    private static partial void LogLeaseLost(ILogger logger, string jobId, string workerId, int attempt, int chunk);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} on {WorkerId}: progress of chunk {Chunk} could not be recorded in the queue")]
    private static partial void LogProgressNotRecorded(ILogger logger, Exception exception, string jobId, string workerId, int chunk);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} on {WorkerId}: the job grain did not take progress of chunk {Chunk}")]
    private static partial void LogGrainProgressFailed(ILogger logger, Exception exception, string jobId, string workerId, int chunk);
}
