using System.Text.Json;
using NAudio.Midi;
using WhatsTheTab.Grains.Abstractions.Internal;
using WhatsTheTab.Grains.Abstractions.Redis;
using WhatsTheTab.Silo.Gpu.Worker;
using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Silo.Gpu.Tests;

/// <summary>The worker loop as the silo hosts it: claim, run, shut down gracefully.</summary>
[Collection(SharedEngine.Name)]
public sealed class TranscriptionWorkerTests(EngineFixture fixture)
{
    [Fact]
    public async Task QueuedJob_IsDownloadedTranscribedUploadedAndAcked()
    {
        await using var h = await WorkerHarness.StartAsync(fixture.Engine);
        var (id, grain) = await h.EnqueueJobAsync(ToneAudio.Wav(440, 2));
        var taskId = id.ToString("D");
        var worker = h.NewWorker();

        await worker.StartAsync(CancellationToken.None);
        var completed = await h.WaitForEventAsync(h.Channels.Completed, taskId);
        await worker.StopAsync(CancellationToken.None);

        // task:completed came from this worker, for the id it claimed.
        Assert.Equal(taskId, completed.GetProperty("task_id").GetString());
        Assert.Equal(h.WorkerId, completed.GetProperty("worker_id").GetString());
        Assert.Equal(TaskHashStatus.Completed, (await h.Queue.GetTaskAsync(taskId))!.Status);
        Assert.Contains(taskId, await h.ListAsync(h.Keys.Results));
        Assert.Empty(await h.ListAsync(h.Keys.Processing));

        // The grain heard the claim first, with the queue's attempt number.
        var claim = Assert.Single(grain.Claims);
        Assert.Equal(h.WorkerId, claim.WorkerId);
        Assert.Equal(1, claim.Attempt);

        // The result went to the result endpoint with the token and worker headers.
        var result = Assert.Single(h.Web.Results);
        Assert.Equal(id, result.JobId);
        Assert.Equal(h.WorkerId, result.WorkerId);
        Assert.StartsWith("multipart/form-data", result.ContentType, StringComparison.Ordinal);
        Assert.Equal("audio/midi", result.MidiContentType);
        Assert.Equal("application/json", result.NotesContentType);
        Assert.Contains(h.Web.Requests, r => r.Method == "PUT" && r.Path == InternalApi.ResultPath(id) && r.Token == WorkerHarness.Token && r.WorkerId == h.WorkerId);

        // A 440 Hz tone is A4, MIDI pitch 69, in the notes, the MIDI file and the summary.
        var notes = NoteListReader.ReadJson(new MemoryStream(result.Notes));
        Assert.NotEmpty(notes);
        Assert.Contains(notes, n => n.Pitch == 69);
        Assert.All(notes, n => Assert.InRange(n.Pitch, 57, 81));
        var midi = new MidiFile(new MemoryStream(result.Midi), strictChecking: true);
        Assert.Contains(midi.Events.SelectMany(track => track).OfType<NoteOnEvent>(), e => e.NoteNumber == 69 && e.Velocity > 0);
        var summary = JsonDocument.Parse(result.SummaryJson).RootElement;
        Assert.Equal(notes.Count, summary.GetProperty("noteCount").GetInt32());
        Assert.Equal(notes.Min(n => n.Pitch), summary.GetProperty("lowestPitch").GetInt32());
        Assert.Equal(notes.Max(n => n.Pitch), summary.GetProperty("highestPitch").GetInt32());
        Assert.Equal(2.0, summary.GetProperty("audioSeconds").GetDouble(), precision: 2);
        Assert.True(summary.GetProperty("processingSeconds").GetDouble() > 0);

        Assert.Equal(1, h.Activity.Completed);
        Assert.Null(h.Activity.CurrentTask);
        Assert.Empty(Directory.GetFiles(h.TempDirectory));
    }

    [Fact]
    public async Task GracefulStopMidJob_HandsTheJobBackToTheFront_WithItsAttemptUnchanged()
    {
        // No grace: the job cannot finish in time, so it must be handed back.
        await using var h = await WorkerHarness.StartAsync(fixture.Engine, o => o.ShutdownGrace = TimeSpan.Zero);
        var (first, grain) = await h.EnqueueJobAsync(ToneAudio.Wav(440, 8));
        var (second, _) = await h.EnqueueJobAsync(ToneAudio.Wav(440, 2));
        var firstProgress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        grain.OnProgress = async _ =>
        {
            firstProgress.TrySetResult();
            await stopRequested.Task;
        };
        var worker = h.NewWorker();

        await worker.StartAsync(CancellationToken.None);
        await firstProgress.Task.WaitAsync(WorkerHarness.HangGuard);
        var stopping = worker.StopAsync(CancellationToken.None);
        stopRequested.TrySetResult();
        await stopping.WaitAsync(WorkerHarness.HangGuard);

        var firstId = first.ToString("D");
        Assert.Equal([firstId, second.ToString("D")], await h.ListAsync(h.Keys.Queue));
        var record = await h.Queue.GetTaskAsync(firstId);
        Assert.Equal(TaskHashStatus.Pending, record!.Status);
        Assert.Equal(0, record.Attempts);
        Assert.Null(record.Worker);
        Assert.Null(record.LeaseDeadline);
        var requeue = Assert.Single(grain.Requeues);
        Assert.Equal(h.WorkerId, requeue.WorkerId);
        Assert.Equal("worker shutting down", requeue.Reason);
        Assert.Empty(h.Web.Results);
        Assert.Empty(grain.Failures);
        Assert.Equal(0, (await h.Queue.GetTaskAsync(second.ToString("D")))!.Attempts);
        Assert.Empty(Directory.GetFiles(h.TempDirectory));
    }

    [Theory]
    [InlineData(null, 30, 25)]
    [InlineData(10.0, 30, 10)]
    [InlineData(60.0, 30, 25)]
    [InlineData(null, 8, 6)]
    [InlineData(0.0, 30, 0)]
    public void GracePeriod_LeavesAMarginForTheHandBack(double? configuredSeconds, double shutdownSeconds, double expectedSeconds)
    {
        var configured = configuredSeconds is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;

        var grace = TranscriptionWorker.GracePeriod(configured, TimeSpan.FromSeconds(shutdownSeconds));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), grace);
    }
}
