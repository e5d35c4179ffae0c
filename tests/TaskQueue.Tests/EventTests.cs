using WhatsTheTab.Grains.Abstractions.Redis;

namespace WhatsTheTab.TaskQueue.Tests;

/// <summary>Every transition announces itself on the seed's channels with the contract's JSON payloads.</summary>
public sealed class EventTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Theory, BothBackends]
    public async Task Lifecycle_PublishesNewClaimedProgressAndCompleted(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);
        var events = await h.RecordEventsAsync();
        var t0 = h.Clock.GetUtcNow().ToUnixTimeMilliseconds();

        await h.Queue.EnqueueAsync("job \"1\"", "payload");
        await h.Queue.ClaimAsync("gpu-0", Lease, TimeSpan.Zero);
        await h.Queue.ReportProgressAsync("job \"1\"", "gpu-0", 3, 15);
        await h.Queue.AckAsync("job \"1\"", "gpu-0");

        var (channel, json) = await events.NextAsync();
        Assert.Equal(RedisChannels.Seed.New, channel);
        Assert.Equal(new TaskNewEvent("job \"1\"", t0), TaskEventJson.Deserialize<TaskNewEvent>(json));

        (channel, json) = await events.NextAsync();
        Assert.Equal(RedisChannels.Seed.Claimed, channel);
        Assert.Equal(new TaskClaimedEvent("job \"1\"", "gpu-0", 1, t0, t0 + (long)Lease.TotalMilliseconds), TaskEventJson.Deserialize<TaskClaimedEvent>(json));

        (channel, json) = await events.NextAsync();
        Assert.Equal(RedisChannels.Seed.Progress("job \"1\""), channel);
        Assert.Equal(new TaskProgressEvent("job \"1\"", "gpu-0", 3, 15, t0), TaskEventJson.Deserialize<TaskProgressEvent>(json));

        (channel, json) = await events.NextAsync();
        Assert.Equal(RedisChannels.Seed.Completed, channel);
        Assert.Equal(new TaskCompletedEvent("job \"1\"", "gpu-0", 1, t0), TaskEventJson.Deserialize<TaskCompletedEvent>(json));
        Assert.Contains("\"task_id\":", json, StringComparison.Ordinal);
    }

    [Theory, BothBackends]
    public async Task Failures_PublishTaskFailedWithThePermanentFlag(Backend backend)
    {
        await using var h = QueueHarness.Create(backend, o => o.BackoffJitter = 0);
        var events = await h.RecordEventsAsync();
        var t0 = h.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        await h.Queue.EnqueueAsync("t1", "x");
        await h.Queue.ClaimAsync("w1", Lease, TimeSpan.Zero);
        await h.Queue.FailAsync("t1", "w1", "transient: timeout", permanent: false);
        await h.Queue.PromoteDueAsync(h.Clock.Advance(TimeSpan.FromMinutes(1)));
        var t1 = h.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        await h.Queue.ClaimAsync("w1", Lease, TimeSpan.Zero);
        await h.Queue.FailAsync("t1", "w1", "undecodable audio", permanent: true);

        var transient = TaskEventJson.Deserialize<TaskFailedEvent>(await events.NextOnAsync(RedisChannels.Seed.Failed));
        Assert.Equal(new TaskFailedEvent("t1", "w1", "transient: timeout", false, 1, t0, t0 + (long)h.Options.BackoffBase.TotalMilliseconds), transient);
        var promoted = TaskEventJson.Deserialize<TaskNewEvent>(await events.NextOnAsync(RedisChannels.Seed.New));
        Assert.Equal(new TaskNewEvent("t1", t1), promoted);
        var permanent = TaskEventJson.Deserialize<TaskFailedEvent>(await events.NextOnAsync(RedisChannels.Seed.Failed));
        Assert.Equal(new TaskFailedEvent("t1", "w1", "undecodable audio", true, 2, t1, null), permanent);
    }

    [Theory, BothBackends]
    public async Task SupervisorRecovery_PublishesTaskFailedThenTaskNew(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);
        await h.Queue.EnqueueAsync("t1", "x");
        await h.Queue.ClaimAsync("w1", Lease, TimeSpan.Zero);
        var events = await h.RecordEventsAsync();
        var now = h.Clock.Advance(Lease + TimeSpan.FromSeconds(1));

        await h.Queue.RequeueExpiredAsync(now, maxAttempts: 3);

        var (channel, json) = await events.NextAsync();
        Assert.Equal(RedisChannels.Seed.Failed, channel);
        Assert.Equal(new TaskFailedEvent("t1", "w1", "lease expired (worker w1)", false, 1, now.ToUnixTimeMilliseconds(), null), TaskEventJson.Deserialize<TaskFailedEvent>(json));
        (channel, json) = await events.NextAsync();
        Assert.Equal(RedisChannels.Seed.New, channel);
        Assert.Equal("t1", TaskEventJson.Deserialize<TaskNewEvent>(json).TaskId);
    }

    [Theory, BothBackends]
    public async Task ReportProgress_RecordsChunksAndRenewsTheLease(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);
        await h.Queue.EnqueueAsync("t1", "x");
        await h.Queue.ClaimAsync("w1", TimeSpan.FromSeconds(5), TimeSpan.Zero);
        var now = h.Clock.Advance(TimeSpan.FromSeconds(4));

        Assert.True(await h.Queue.ReportProgressAsync("t1", "w1", 7, 15));

        var task = await h.Queue.GetTaskAsync("t1");
        Assert.Equal((7, 15), (task!.CurrentChunk, task.TotalChunks));
        Assert.Equal(now + h.Options.LeaseDuration, task.LeaseDeadline);
        Assert.Equal(now, task.UpdatedAt);
    }
}
