using WhatsTheTab.Transcription.Audio;
using WhatsTheTab.Transcription.Inference;

namespace WhatsTheTab.Transcription.Tests.Engine;

/// <summary>Chunk progress after every batch, and cancellation between batches.</summary>
public sealed class ProgressAndCancellationTests(EngineFixture fixture) : IClassFixture<EngineFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wtt-progress-").FullName;

    [Fact]
    public void Transcribe_TwentySecondFile_ReportsEveryChunkInOrderUpToTheTotal()
    {
        var path = WriteTone(seconds: 20);
        var reports = new List<ChunkProgress>();

        var result = fixture.Engine.Transcribe(path, progress: new Collect(reports.Add));

        var expectedChunks = Framing.WindowCount(20 * Framing.SampleRate);
        Assert.Equal(expectedChunks, result.Chunks);
        Assert.NotEmpty(reports);
        Assert.All(reports, r => Assert.Equal(expectedChunks, r.TotalChunks));
        Assert.Equal(Enumerable.Range(1, reports.Count).Select(i => Math.Min(i * fixture.Engine.BatchSize, expectedChunks)), reports.Select(r => r.Chunk));
        Assert.Equal(expectedChunks, reports[^1].Chunk);
    }

    [Fact]
    public void Transcribe_CancelledAfterFirstBatch_StopsBeforeTheNextBatch()
    {
        var path = WriteTone(seconds: 30);
        using var cancellation = new CancellationTokenSource();
        var reports = new List<ChunkProgress>();

        Assert.ThrowsAny<OperationCanceledException>(() => fixture.Engine.Transcribe(
            path,
            progress: new Collect(p => { reports.Add(p); cancellation.Cancel(); }),
            cancellationToken: cancellation.Token));
        Assert.Single(reports);
    }

    [Fact]
    public void Transcribe_TwoSecondsOfA440_FindsA4()
    {
        var result = fixture.Engine.Transcribe(WriteTone(seconds: 2));

        var note = Assert.Single(result.Notes);
        Assert.Equal(69, note.Pitch);
        Assert.InRange(note.StartSeconds, 0, 0.1);
        Assert.InRange(note.EndSeconds, 1.7, 2.05);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteTone(int seconds)
    {
        var samples = new float[seconds * 44100];
        for (var i = 0; i < samples.Length; i++)
        {
            var t = i / 44100.0;
            samples[i] = (float)(0.4 * Math.Sin(2 * Math.PI * 440 * t) * Math.Min(1, t * 50) * Math.Min(1, (seconds - t) * 50));
        }

        var path = Path.Combine(_folder, $"tone-{seconds}s.wav");
        WavWriter.Write(path, samples, 44100);
        return path;
    }

    /// <summary>Calls back synchronously (Progress&lt;T&gt; would post to the thread pool and reorder).</summary>
    private sealed class Collect(Action<ChunkProgress> onReport) : IProgress<ChunkProgress>
    {
        public void Report(ChunkProgress value) => onReport(value);
    }
}
