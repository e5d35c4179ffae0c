using StackExchange.Redis;
using WhatsTheTab.Grains.Abstractions.Redis;

namespace WhatsTheTab.TaskQueue.Tests;

/// <summary>A producer or worker that speaks only the seed's raw Redis commands interoperates with the queue.</summary>
public sealed class SeedContractTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public void SeedNames_AreTheSeedServicesKeysAndChannels()
    {
        var keys = RedisKeys.Seed;
        Assert.Equal(
            ["task:queue", "task:processing", "task:processing:time", "task:failed", "task:results", "task:delayed", "task:42", "worker:gpu-1"],
            [keys.Queue, keys.Processing, keys.ProcessingDeadlines, keys.Failed, keys.Results, keys.Delayed, keys.Task("42"), keys.Worker("gpu-1")]);
        var channels = RedisChannels.Seed;
        Assert.Equal(
            ["task:new", "task:claimed", "task:progress:42", "task:progress:*", "task:completed", "task:failed"],
            [channels.New, channels.Claimed, channels.Progress("42"), channels.ProgressPattern, channels.Completed, channels.Failed]);
    }

    [Theory, BothBackends]
    public async Task RawProducer_RpushedId_IsClaimedAndCompletedByTheQueue(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);
        await h.Db.ExecuteAsync("RPUSH", h.Keys.Queue, "raw-1");
        await h.Db.ExecuteAsync("PUBLISH", h.Channels.New, "raw-1");

        var claimed = await h.Queue.ClaimAsync("w1", Lease, TimeSpan.Zero);

        Assert.Equal(("raw-1", string.Empty, 1), (claimed!.Id, claimed.Payload, claimed.Attempt));
        Assert.Equal(AckResult.Completed, await h.Queue.AckAsync("raw-1", "w1"));
        Assert.Equal(["raw-1"], await h.ListAsync(h.Keys.Results));
        Assert.Equal(TaskHashStatus.Completed, await h.HashFieldAsync("raw-1", TaskHashFields.Status));
    }

    [Theory, BothBackends]
    public async Task RawWorker_LmoveClaimAndRawCompletion_InteroperateWithTheQueue(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);
        await h.Queue.EnqueueAsync("job-7", "{\"audio_midi_id\":7}");
        await h.Queue.EnqueueAsync("job-8", "x");
        var events = await h.RecordEventsAsync();
        var deadline = (h.Clock.GetUtcNow() + Lease).ToUnixTimeMilliseconds();

        // A seed-style worker: LMOVE LEFT RIGHT, then ZADD the lease and mark the hash, with plain commands.
        var id = (string?)await h.Db.ExecuteAsync("LMOVE", h.Keys.Queue, h.Keys.Processing, "LEFT", "RIGHT");
        Assert.Equal("job-7", id);
        await h.Db.ExecuteAsync("ZADD", h.Keys.ProcessingDeadlines, deadline, id!);
        await h.Db.ExecuteAsync("HSET", h.Keys.Task(id!), "status", "processing", "worker", "seed-worker");
        await h.Db.ExecuteAsync("PUBLISH", h.Channels.Progress(id!), "{\"task_id\":\"job-7\",\"chunk\":1,\"total\":2}");

        // It names itself in the hash, so it keeps a heartbeat key like the seed's worker did; before the deadline a
        // supervisor pass leaves its task alone.
        await h.Db.ExecuteAsync("HSET", h.Keys.Worker("seed-worker"), "host", "legacy");
        Assert.Empty(await h.Queue.RequeueExpiredAsync(h.Clock.GetUtcNow(), maxAttempts: 3));
        Assert.Equal(new QueueDepths(1, 1, 1, 0, 0, 0), await h.Queue.GetDepthsAsync());

        // The seed's completion, raw: LREM + ZREM + HSET + RPUSH task:results + PUBLISH task:completed.
        await h.Db.ExecuteAsync("LREM", h.Keys.Processing, 0, id!);
        await h.Db.ExecuteAsync("ZREM", h.Keys.ProcessingDeadlines, id!);
        await h.Db.ExecuteAsync("HSET", h.Keys.Task(id!), "status", "completed");
        await h.Db.ExecuteAsync("RPUSH", h.Keys.Results, id!);
        await h.Db.ExecuteAsync("PUBLISH", h.Channels.Completed, "{\"task_id\":\"job-7\"}");

        Assert.Equal("{\"task_id\":\"job-7\",\"chunk\":1,\"total\":2}", await events.NextOnAsync(RedisChannels.Seed.Progress("job-7")));
        Assert.Equal("{\"task_id\":\"job-7\"}", await events.NextOnAsync(RedisChannels.Seed.Completed));
        Assert.Equal(new QueueDepths(1, 0, 0, 0, 0, 1), await h.Queue.GetDepthsAsync());
        Assert.Empty(await h.Queue.RequeueExpiredAsync(h.Clock.Advance(TimeSpan.FromHours(1)), maxAttempts: 3));
        Assert.Equal(EnqueueResult.AlreadyFinished, await h.Queue.EnqueueAsync("job-7", "again"));
        var next = await h.Queue.ClaimAsync("w1", Lease, TimeSpan.Zero);
        Assert.Equal("job-8", next!.Id);
        var drained = new List<string>();
        await h.Queue.DrainResultsAsync((r, _) => { drained.Add(r); return Task.CompletedTask; });
        Assert.Equal(["job-7"], drained);
    }
}
