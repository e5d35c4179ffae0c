using System.Collections.Concurrent;
using Orleans.Storage;
using WhatsTheTab.Grains.Jobs;

namespace WhatsTheTab.Grains.Tests;

/// <summary>
/// Orleans' memory grain storage with a tally in front: how often each grain's state was read and written, so tests can
/// see that a rejected call wrote nothing, that progress is written at a bounded rate and that a reactivation read the
/// stored state, and a test can hold a grain's next write open (<see cref="HoldNextWriteOf"/>) to see what answers while a
/// transition is being stored. The storage itself is the real memory provider, not a stand-in.
/// </summary>
public sealed class RecordingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private static readonly ConcurrentDictionary<GrainId, int> Reads = new();
    private static readonly ConcurrentDictionary<GrainId, int> Writes = new();
    private static readonly ConcurrentDictionary<GrainId, int> WrittenChunks = new();
    private static readonly ConcurrentDictionary<GrainId, WriteHold> Holds = new();

    /// <summary>
    /// Makes the next write of this grain's state wait until the returned hold is released; <see cref="WriteHold.Entered"/>
    /// completes when that write has begun.
    /// </summary>
    public static WriteHold HoldNextWriteOf(GrainId grainId) => Holds[grainId] = new WriteHold();

    /// <summary>Reads of this grain's state so far (each activation reads once).</summary>
    public static int ReadsOf(GrainId grainId) => Reads.GetValueOrDefault(grainId);

    /// <summary>Writes of this grain's state so far.</summary>
    public static int WritesOf(GrainId grainId) => Writes.GetValueOrDefault(grainId);

    /// <summary>The chunk a job's last stored state holds (0 before any write).</summary>
    public static int StoredChunkOf(GrainId grainId) => WrittenChunks.GetValueOrDefault(grainId);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await inner.ReadStateAsync(stateName, grainId, grainState);
        Reads.AddOrUpdate(grainId, 1, (_, count) => count + 1);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Holds.TryRemove(grainId, out var hold))
        {
            await hold.WaitAsync();
        }

        await inner.WriteStateAsync(stateName, grainId, grainState);
        if (grainState.State is TranscriptionJobState job)
        {
            WrittenChunks[grainId] = job.CurrentChunk;
        }

        Writes.AddOrUpdate(grainId, 1, (_, count) => count + 1);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}

/// <summary>A write held open by <see cref="RecordingGrainStorage.HoldNextWriteOf"/>.</summary>
public sealed class WriteHold
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the held write has begun.</summary>
    public Task Entered => _entered.Task;

    /// <summary>Lets the held write go on.</summary>
    public void Release() => _released.TrySetResult();

    internal Task WaitAsync()
    {
        _entered.TrySetResult();
        return _released.Task;
    }
}
