using System.Collections.Concurrent;
using Orleans.Storage;
using WhatsTheTab.Grains.Jobs;

namespace WhatsTheTab.Grains.Tests;

/// <summary>
/// Orleans' memory grain storage with a tally in front: how often each grain's state was read and written, so tests can
/// see that a rejected call wrote nothing, that progress is written at a bounded rate and that a reactivation read the
/// stored state. The storage itself is the real memory provider, not a stand-in.
/// </summary>
public sealed class RecordingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private static readonly ConcurrentDictionary<GrainId, int> Reads = new();
    private static readonly ConcurrentDictionary<GrainId, int> Writes = new();
    private static readonly ConcurrentDictionary<GrainId, int> WrittenChunks = new();

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
