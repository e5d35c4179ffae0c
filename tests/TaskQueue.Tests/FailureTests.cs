using WhatsTheTab.Grains.Abstractions.Redis;

namespace WhatsTheTab.TaskQueue.Tests;

/// <summary>Transient and permanent failures, back-off, the dead letter list and retries.</summary>
public sealed class FailureTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Theory, BothBackends]
    public async Task Fail_Transient_WaitsInDelayedAndIsPromotedWhenDue(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);
        await h.Queue.EnqueueAsync("t1", "x");
        await h.Queue.ClaimAsync("w1", Lease, TimeSpan.Zero);
        var failedAt = h.Clock.GetUtcNow();

        var result = await h.Queue.FailAsync("t1", "w1", "GPU out of memory", permanent: false);

        Assert.Equal(FailOutcome.RetryScheduled, result.Outcome);
        var jitterFloor = h.Options.BackoffBase * (1 - h.Options.BackoffJitter);
        Assert.InRange(result.RetryAt!.Value, failedAt + jitterFloor - TimeSpan.FromMilliseconds(1), failedAt + h.Options.BackoffBase);
        Assert.Empty(await h.ListAsync(h.Keys.Processing));
        Assert.Empty(await h.ListAsync(h.Keys.Queue));
        Assert.Equal(result.RetryAt.Value.ToUnixTimeMilliseconds(), await h.Db.SortedSetScoreAsync(h.Keys.Delayed, "t1"));
        var task = await h.Queue.GetTaskAsync("t1");
        Assert.Equal((TaskHashStatus.Delayed, 1, "GPU out of memory", result.RetryAt), (task!.Status, task.Attempts, task.Error, task.RetryAt));

        Assert.Empty(await h.Queue.PromoteDueAsync(result.RetryAt.Value - TimeSpan.FromMilliseconds(1)));
        Assert.Equal(["t1"], await h.Queue.PromoteDueAsync(result.RetryAt.Value));

        Assert.Equal(["t1"], await h.ListAsync(h.Keys.Queue));
        Assert.Equal(0, await h.Db.SortedSetLengthAsync(h.Keys.Delayed));
        var again = await h.Queue.ClaimAsync("w2", Lease, TimeSpan.Zero);
        Assert.Equal(("t1", 2), (again!.Id, again.Attempt));
    }

    [Theory, BothBackends]
    public async Task Fail_TransientRepeatedly_BacksOffExponentially(Backend backend)
    {
        await using var h = QueueHarness.Create(backend, o => o.BackoffJitter = 0);
        await h.Queue.EnqueueAsync("t1", "x");
        var delays = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await h.Queue.ClaimAsync("w1", Lease, TimeSpan.Zero);
            var failedAt = h.Clock.GetUtcNow();
            var result = await h.Queue.FailAsync("t1", "w1", "flaky", permanent: false);
            delays.Add(result.RetryAt!.Value - failedAt);
            h.Clock.Advance(TimeSpan.FromMinutes(10));
            await h.Queue.PromoteDueAsync(h.Clock.GetUtcNow());
        }

        Assert.Equal([h.Options.BackoffBase, h.Options.BackoffBase * 2], delays);
    }

    [Theory, BothBackends]
    public async Task Fail_TransientOnTheLastAttempt_DeadLetters(Backend backend)
    {
        await using var h = QueueHarness.Create(backend, o => o.MaxAttempts = 2);
        await h.Queue.EnqueueAsync("t1", "x");
        await h.Queue.ClaimAsync("w1", Lease, TimeSpan.Zero);
        await h.Queue.FailAsync("t1", "w1", "flaky", permanent: false);
        await h.Queue.PromoteDueAsync(h.Clock.Advance(TimeSpan.FromMinutes(10)));
        await h.Queue.ClaimAsync("w1", Lease, TimeSpan.Zero);

        var result = await h.Queue.FailAsync("t1", "w1", "flaky", permanent: false);

        Assert.Equal(FailOutcome.DeadLettered, result.Outcome);
        Assert.Equal(["t1"], await h.ListAsync(h.Keys.Failed));
        Assert.Equal("gave up after 2 attempts; last error: flaky", await h.HashFieldAsync("t1", TaskHashFields.Error));
    }

    [Theory, BothBackends]
    public async Task Fail_Permanent_DeadLettersAtOnceWithADayToLive(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);
        await h.Queue.EnqueueAsync("t1", "x");
        await h.Queue.ClaimAsync("w1", Lease, TimeSpan.Zero);

        var result = await h.Queue.FailAsync("t1", "w1", "not an audio file", permanent: true);

        Assert.Equal(new FailResult(FailOutcome.DeadLettered, null), result);
        Assert.Equal(["t1"], await h.ListAsync(h.Keys.Failed));
        Assert.Empty(await h.ListAsync(h.Keys.Processing));
        Assert.Equal(0, await h.Db.SortedSetLengthAsync(h.Keys.Delayed));
        var task = await h.Queue.GetTaskAsync("t1");
        Assert.Equal((TaskHashStatus.Failed, "not an audio file", 1), (task!.Status, task.Error, task.Attempts));
        Assert.InRange(task.TimeToLive!.Value, TimeSpan.FromHours(23), TimeSpan.FromHours(24));
    }

    [Theory, BothBackends]
    public async Task Retry_DeadLetteredTask_ClearsItsExpiryAndQueuesItWithFreshAttempts(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);
        await h.Queue.EnqueueAsync("t1", "x");
        await h.Queue.ClaimAsync("w1", Lease, TimeSpan.Zero);
        await h.Queue.FailAsync("t1", "w1", "decoder crashed", permanent: true);

        Assert.True(await h.Queue.RetryAsync("t1"));

        Assert.Null(await h.Db.KeyTimeToLiveAsync(h.Keys.Task("t1")));
        Assert.Empty(await h.ListAsync(h.Keys.Failed));
        Assert.Equal(["t1"], await h.ListAsync(h.Keys.Queue));
        var task = await h.Queue.GetTaskAsync("t1");
        Assert.Equal((TaskHashStatus.Pending, 0, (string?)null, "x"), (task!.Status, task.Attempts, task.Error, task.Payload));
        Assert.False(await h.Queue.RetryAsync("t1"));
    }

    [Theory, BothBackends]
    public async Task Retry_TaskThatIsNotDeadLettered_ReturnsFalse(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);
        await h.Queue.EnqueueAsync("pending", "x");

        Assert.False(await h.Queue.RetryAsync("pending"));
        Assert.False(await h.Queue.RetryAsync("unknown"));
        Assert.Equal(["pending"], await h.ListAsync(h.Keys.Queue));
    }
}
