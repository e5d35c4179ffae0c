using StackExchange.Redis;
using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Grains.Abstractions.Redis;

namespace WhatsTheTab.Silo.Web.Tests;

/// <summary>
/// A worker that speaks only the seed's Redis contract: it publishes the events with raw PUBLISH/RPUSH and never calls
/// a grain; the web silo's event router moves the job.
/// </summary>
[Collection(PostgresWebSiloDefinition.Name)]
public sealed class EventRouterTests(PostgresWebSilo fixture)
{
    private static readonly byte[] Audio = [.. "RIFF"u8, 1, 2, 3, 4, 5, 6, 7, 8];

    [Fact]
    public async Task SeedEvents_MoveTheJob_ClaimedThenProgressThenCompleted()
    {
        var id = await fixture.CreateJobAsync(Audio);
        var task = id.ToString("D");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        await PublishAsync(fixture.Channels.Claimed, new TaskClaimedEvent(task, "seed-worker", 1, now, now + 30_000));
        var claimed = await fixture.WaitForJobAsync(id, j => j.Status == JobStatus.Processing);
        Assert.Equal(JobStatus.Processing, claimed.Status);
        Assert.Equal("seed-worker", claimed.WorkerId);

        await PublishAsync(fixture.Channels.Progress(task), new TaskProgressEvent(task, "seed-worker", 2, 5, now + 1_000));
        var progressed = await fixture.WaitForJobAsync(id, j => j.CurrentChunk == 2);
        Assert.Equal(2, progressed.CurrentChunk);
        Assert.Equal(5, progressed.TotalChunks);

        // the seed worker uploads its MIDI, then announces completion
        using var http = fixture.Http();
        using (var put = await ResultForm.PutAsync(http, id, "seed-worker"))
        {
            put.EnsureSuccessStatusCode();
        }

        await PublishAsync(fixture.Channels.Completed, new TaskCompletedEvent(task, "seed-worker", 1, now + 2_000));
        await fixture.Redis.GetDatabase().ListRightPushAsync(fixture.Keys.Results, task);
        var completed = await fixture.WaitForJobAsync(id, j => j.Status == JobStatus.Completed);
        Assert.Equal(JobStatus.Completed, completed.Status);
        Assert.Equal("seed-worker", completed.Result!.WorkerId);

        // the catch-up list is drained, and applying it again changed nothing
        var results = await Eventually.ReadAsync(() => fixture.Redis.GetDatabase().ListRangeAsync(fixture.Keys.Results), r => !r.Contains(task));
        Assert.DoesNotContain((RedisValue)task, results);
        Assert.Equal(completed.Result, (await fixture.GetJobAsync(id))!.Result);
    }

    [Fact]
    public async Task CompletionFromTaskResults_WithNoResultUploaded_FailsTheJobForGood()
    {
        var id = await fixture.CreateJobAsync(Audio);
        await fixture.Grains.GetGrain<ITranscriptionGrain>(id).ClaimedAsync(new JobClaim("silent-worker", 1, DateTimeOffset.UtcNow));

        // no pub/sub at all: only the record a web silo drains when it (re)starts or on its interval
        await fixture.Redis.GetDatabase().ListRightPushAsync(fixture.Keys.Results, id.ToString("D"));

        var failed = await fixture.WaitForJobAsync(id, j => j.Status == JobStatus.Failed);
        Assert.Equal(JobStatus.Failed, failed.Status);
        Assert.Contains("completed without a result", failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PermanentFailureEvent_FailsTheJob()
    {
        var id = await fixture.CreateJobAsync(Audio);
        var task = id.ToString("D");
        await fixture.Grains.GetGrain<ITranscriptionGrain>(id).ClaimedAsync(new JobClaim("gpu-c", 1, DateTimeOffset.UtcNow));

        await PublishAsync(fixture.Channels.Failed, new TaskFailedEvent(task, "gpu-c", "cannot decode: not a WAV file", true, 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), null));

        var failed = await fixture.WaitForJobAsync(id, j => j.Status == JobStatus.Failed);
        Assert.Equal(JobStatus.Failed, failed.Status);
        Assert.Equal("cannot decode: not a WAV file", failed.Error);
    }

    [Fact]
    public async Task TransientFailureEvent_ReturnsTheJobToPending()
    {
        var id = await fixture.CreateJobAsync(Audio);
        var task = id.ToString("D");
        await fixture.Grains.GetGrain<ITranscriptionGrain>(id).ClaimedAsync(new JobClaim("gpu-d", 1, DateTimeOffset.UtcNow));
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        await PublishAsync(fixture.Channels.Failed, new TaskFailedEvent(task, "gpu-d", "out of memory", false, 1, now, now + 2_000));

        var pending = await fixture.WaitForJobAsync(id, j => j.Status == JobStatus.Pending);
        Assert.Equal(JobStatus.Pending, pending.Status);
        Assert.Equal("out of memory", pending.Error);
    }

    [Fact]
    public async Task EventsForIdsThatAreNotJobs_AreSkipped_AndRoutingGoesOn()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await PublishAsync(fixture.Channels.Claimed, new TaskClaimedEvent("not-a-guid", "w", 1, now, now));
        await fixture.Redis.GetDatabase().PublishAsync(RedisChannel.Literal(fixture.Channels.Claimed), "{ this is not json");
        await fixture.Redis.GetDatabase().ListRightPushAsync(fixture.Keys.Results, "also-not-a-guid");

        var id = await fixture.CreateJobAsync(Audio);
        await PublishAsync(fixture.Channels.Claimed, new TaskClaimedEvent(id.ToString("D"), "gpu-e", 1, now, now + 30_000));

        var claimed = await fixture.WaitForJobAsync(id, j => j.Status == JobStatus.Processing);
        Assert.Equal("gpu-e", claimed.WorkerId);
        Assert.Contains("not a job id", fixture.Silo.Output(), StringComparison.Ordinal);
    }

    private Task<long> PublishAsync<T>(string channel, T payload) =>
        fixture.Redis.GetDatabase().PublishAsync(RedisChannel.Literal(channel), TaskEventJson.Serialize(payload));
}
