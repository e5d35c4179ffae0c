using System.Net;
using System.Text.Json;
using WhatsTheTab.Grains.Abstractions.Internal;
using WhatsTheTab.Grains.Abstractions.Redis;
using WhatsTheTab.Silo.Gpu.Tests.TestDoubles;
using WhatsTheTab.Silo.Gpu.Worker;
using WhatsTheTab.Transcription.Audio;

namespace WhatsTheTab.Silo.Gpu.Tests;

/// <summary>The job runner against real Redis, the real engine and the fake web tier.</summary>
[Collection(SharedEngine.Name)]
public sealed class JobRunnerTests(EngineFixture fixture)
{
    [Fact]
    public async Task Progress_ReachesTheGrainInOrder_AndRenewsTheLease()
    {
        await using var h = await WorkerHarness.StartAsync(fixture.Engine);
        var (id, grain) = await h.EnqueueJobAsync(ToneAudio.Wav(440, 6));
        var deadlines = new List<DateTimeOffset?>();
        grain.OnProgress = async _ => deadlines.Add((await h.Queue.GetTaskAsync(id.ToString("D")))!.LeaseDeadline);
        var task = await h.ClaimAsync();
        var claimDeadline = task.LeaseDeadline;
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        var outcome = await h.Runner.RunAsync(task, CancellationToken.None);

        Assert.Equal(JobOutcome.Completed, outcome);
        var progress = grain.Progress.ToArray();
        Assert.True(progress.Length >= 3, $"expected several chunks, got {progress.Length}");
        Assert.Equal(Enumerable.Range(1, progress.Length), progress.Select(p => p.Chunk));
        Assert.All(progress, p => Assert.Equal(h.WorkerId, p.WorkerId));
        Assert.Equal(progress[^1].TotalChunks, progress[^1].Chunk);
        var renewed = h.Clock.GetUtcNow() + h.QueueOptions.LeaseDuration;
        Assert.All(deadlines, d => Assert.Equal(renewed, d));
        Assert.True(renewed > claimDeadline);
        Assert.Equal(["get", "claimed"], grain.Calls.Take(2));
    }

    [Fact]
    public async Task UndecodableAudio_FailsPermanently_WithTheDecodersReason()
    {
        await using var h = await WorkerHarness.StartAsync(fixture.Engine);
        var garbage = ToneAudio.Garbage();
        var expected = DecoderReason(garbage);
        var (id, grain) = await h.EnqueueJobAsync(garbage);
        var task = await h.ClaimAsync();

        var outcome = await h.Runner.RunAsync(task, CancellationToken.None);

        Assert.Equal(JobOutcome.FailedPermanently, outcome);
        var taskId = id.ToString("D");
        var record = await h.Queue.GetTaskAsync(taskId);
        Assert.Equal(TaskHashStatus.Failed, record!.Status);
        Assert.Equal(expected, record.Error);
        Assert.Contains(taskId, await h.ListAsync(h.Keys.Failed));
        var failure = Assert.Single(grain.Failures);
        Assert.True(failure.Permanent);
        Assert.Equal(expected, failure.Reason);
        Assert.Equal(h.WorkerId, failure.WorkerId);
        var published = await h.WaitForEventAsync(h.Channels.Failed, taskId);
        Assert.True(published.GetProperty("permanent").GetBoolean());
        Assert.Equal(expected, published.GetProperty("error").GetString());
        Assert.Empty(h.Web.Results);
        Assert.Empty(Directory.GetFiles(h.TempDirectory));
        Assert.Equal(1, h.Activity.Failed);
    }

    [Fact]
    public async Task WebTierAnswering500_FailsTransiently_AndSchedulesARetry()
    {
        await using var h = await WorkerHarness.StartAsync(fixture.Engine);
        h.Web.AudioStatus = HttpStatusCode.InternalServerError;
        var (id, grain) = await h.EnqueueJobAsync(ToneAudio.Wav(440, 2));
        var task = await h.ClaimAsync();

        var outcome = await h.Runner.RunAsync(task, CancellationToken.None);

        Assert.Equal(JobOutcome.FailedTransiently, outcome);
        var taskId = id.ToString("D");
        var record = await h.Queue.GetTaskAsync(taskId);
        Assert.Equal(TaskHashStatus.Delayed, record!.Status);
        Assert.NotNull(await h.Db.SortedSetScoreAsync(h.Keys.Delayed, taskId));
        var failure = Assert.Single(grain.Failures);
        Assert.False(failure.Permanent);
        Assert.Contains("500", failure.Reason, StringComparison.Ordinal);
        var published = await h.WaitForEventAsync(h.Channels.Failed, taskId);
        Assert.False(published.GetProperty("permanent").GetBoolean());
    }

    [Fact]
    public async Task AudioTheWebTierDoesNotHave_FailsPermanently()
    {
        await using var h = await WorkerHarness.StartAsync(fixture.Engine);
        var (id, grain) = await h.EnqueueJobAsync(audio: null);
        var task = await h.ClaimAsync();

        var outcome = await h.Runner.RunAsync(task, CancellationToken.None);

        Assert.Equal(JobOutcome.FailedPermanently, outcome);
        Assert.Equal(TaskHashStatus.Failed, (await h.Queue.GetTaskAsync(id.ToString("D")))!.Status);
        var failure = Assert.Single(grain.Failures);
        Assert.True(failure.Permanent);
        Assert.Contains("404", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobTheGrainDoesNotKnow_FailsPermanently_AndKeepsNoAudio()
    {
        await using var h = await WorkerHarness.StartAsync(fixture.Engine);
        var id = Guid.NewGuid();
        await h.Queue.EnqueueAsync(id.ToString("D"), "{}");
        var task = await h.ClaimAsync();

        var outcome = await h.Runner.RunAsync(task, CancellationToken.None);

        Assert.Equal(JobOutcome.FailedPermanently, outcome);
        var record = await h.Queue.GetTaskAsync(id.ToString("D"));
        Assert.Equal(TaskHashStatus.Failed, record!.Status);
        Assert.StartsWith("Unknown job", record.Error, StringComparison.Ordinal);

        // The audio is fetched while the grain is asked about the job; once the job turns out unknown, nothing more.
        Assert.All(h.Web.Requests, r => Assert.Equal("GET", r.Method));
        Assert.Empty(Directory.EnumerateFileSystemEntries(h.TempDirectory));
    }

    [Fact]
    public async Task LeaseTakenOverMidJob_TheOldWorkerNeitherUploadsNorAcks()
    {
        await using var h = await WorkerHarness.StartAsync(fixture.Engine);
        var (id, grain) = await h.EnqueueJobAsync(ToneAudio.Wav(440, 6));
        var taskId = id.ToString("D");
        var supervisor = h.NewQueueClient();
        var takenOver = false;
        grain.OnProgress = async _ =>
        {
            if (takenOver)
            {
                return;
            }

            // A supervisor decides the lease ran out, and another worker claims the task.
            takenOver = true;
            var recovered = await supervisor.RequeueExpiredAsync(h.Clock.GetUtcNow() + TimeSpan.FromHours(1), maxAttempts: 5);
            Assert.Contains(recovered, r => r.Id == taskId);
            Assert.NotNull(await supervisor.ClaimAsync("worker-b", h.QueueOptions.LeaseDuration, TimeSpan.FromSeconds(10)));
        };
        var task = await h.ClaimAsync();

        var outcome = await h.Runner.RunAsync(task, CancellationToken.None);

        Assert.Equal(JobOutcome.LeaseLost, outcome);
        Assert.Empty(h.Web.Results);
        Assert.DoesNotContain(h.Web.Requests, r => r.Method == "PUT");
        var record = await h.Queue.GetTaskAsync(taskId);
        Assert.Equal(TaskHashStatus.Processing, record!.Status);
        Assert.Equal("worker-b", record.Worker);
        Assert.Equal(2, record.Attempts);
        Assert.Empty(await h.ListAsync(h.Keys.Results));
        Assert.False(h.SawEvent(h.Channels.Completed, taskId));
        Assert.Empty(grain.Failures);
        Assert.Equal(0, h.Activity.Completed);
    }

    [Fact]
    public async Task UrlsInThePayload_AreIgnored_OnlyTheWebBaseAddressIsCalled()
    {
        await using var h = await WorkerHarness.StartAsync(fixture.Engine);
        await using var elsewhere = await FakeWebTier.StartAsync(WorkerHarness.Token);
        var audio = ToneAudio.Wav(440, 2);
        var (id, _) = await h.EnqueueJobAsync(audio, new Dictionary<string, string>
        {
            ["audio_url"] = new Uri(elsewhere.BaseAddress, InternalApi.AudioPath(Guid.Empty)).ToString(),
            ["result_url"] = new Uri(elsewhere.BaseAddress, InternalApi.ResultPath(Guid.Empty)).ToString(),
            ["url"] = elsewhere.BaseAddress.ToString(),
        });
        elsewhere.ServeAudio(id, audio);
        var task = await h.ClaimAsync();

        var outcome = await h.Runner.RunAsync(task, CancellationToken.None);

        Assert.Equal(JobOutcome.Completed, outcome);
        Assert.Empty(elsewhere.Requests);
        var requests = h.Web.Requests.ToArray();
        Assert.Equal(
            [("GET", InternalApi.AudioPath(id)), ("PUT", InternalApi.ResultPath(id))],
            requests.Select(r => (r.Method, r.Path)));
        Assert.All(requests, r => Assert.Equal(h.Web.BaseAddress.Authority, r.Host));
        Assert.All(requests, r => Assert.Equal(WorkerHarness.Token, r.Token));
    }

    /// <summary>What the decoder says about these bytes in a file named like the upload ("tone.wav").</summary>
    private static string DecoderReason(byte[] bytes)
    {
        var folder = Directory.CreateTempSubdirectory("whatsthetab-garbage-").FullName;
        var path = Path.Combine(folder, "tone.wav");
        File.WriteAllBytes(path, bytes);
        try
        {
            return Assert.Throws<AudioDecodeException>(() => AudioReader.Open(path).Dispose()).Message;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
