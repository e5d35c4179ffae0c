using WhatsTheTab.Grains.Abstractions.Redis;

namespace WhatsTheTab.TaskQueue.Tests;

/// <summary>Leases, the supervisor, takeovers and hand-backs.</summary>
public sealed class LeaseTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Theory, BothBackends]
    public async Task RenewLease_KeepsTaskPastItsFirstDeadline(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);
        await h.HeartbeatAsync("w1");
        await h.Queue.EnqueueAsync("t1", "x");
        await h.Queue.ClaimAsync("w1", Lease, TimeSpan.Zero);

        h.Clock.Advance(TimeSpan.FromSeconds(25));
        Assert.True(await h.Queue.RenewLeaseAsync("t1", "w1", Lease));
        var pastFirstDeadline = h.Clock.Advance(TimeSpan.FromSeconds(15));

        Assert.Empty(await h.Queue.RequeueExpiredAsync(pastFirstDeadline, maxAttempts: 3));
        Assert.Equal(["t1"], await h.ListAsync(h.Keys.Processing));
        Assert.Equal("w1", await h.HashFieldAsync("t1", TaskHashFields.Worker));

        var pastRenewedDeadline = h.Clock.Advance(TimeSpan.FromSeconds(20));
        var recovered = Assert.Single(await h.Queue.RequeueExpiredAsync(pastRenewedDeadline, maxAttempts: 3));
        Assert.Equal("t1", recovered.Id);
    }

    [Theory, BothBackends]
    public async Task RenewLease_ByAWorkerThatDoesNotOwnTheTask_ReturnsFalseAndChangesNothing(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);
        await h.Queue.EnqueueAsync("t1", "x");
        var claimed = await h.Queue.ClaimAsync("w1", Lease, TimeSpan.Zero);
        h.Clock.Advance(TimeSpan.FromSeconds(10));

        Assert.False(await h.Queue.RenewLeaseAsync("t1", "w2", Lease));
        Assert.False(await h.Queue.RenewLeaseAsync("unknown", "w1", Lease));

        Assert.Equal(claimed!.LeaseDeadline.ToUnixTimeMilliseconds(), await h.Db.SortedSetScoreAsync(h.Keys.ProcessingDeadlines, "t1"));
    }

    [Theory, BothBackends]
    public async Task RequeueExpired_LeaseExpired_RequeuesAtTheFrontAndCountsTheAttempt(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);
        await h.HeartbeatAsync("w1");
        await h.Queue.EnqueueAsync("t1", "x");
        await h.Queue.EnqueueAsync("t2", "x");
        await h.Queue.ClaimAsync("w1", Lease, TimeSpan.Zero);
        var now = h.Clock.Advance(Lease + TimeSpan.FromSeconds(1));

        var recovered = Assert.Single(await h.Queue.RequeueExpiredAsync(now, maxAttempts: 3));

        Assert.Equal(new RecoveredTask("t1", RecoveryOutcome.Requeued, "lease expired (worker w1)", 1, "w1"), recovered);
        Assert.Equal(["t1", "t2"], await h.ListAsync(h.Keys.Queue));
        Assert.Empty(await h.ListAsync(h.Keys.Processing));
        Assert.Equal(0, await h.Db.SortedSetLengthAsync(h.Keys.ProcessingDeadlines));
        var task = await h.Queue.GetTaskAsync("t1");
        Assert.Equal(TaskHashStatus.Pending, task!.Status);
        Assert.Null(task.Worker);
        Assert.Equal("lease expired (worker w1)", task.Error);

        var again = await h.Queue.ClaimAsync("w2", Lease, TimeSpan.Zero);
        Assert.Equal(("t1", 2), (again!.Id, again.Attempt));
    }

    [Theory, BothBackends]
    public async Task RequeueExpired_AfterMaxAttempts_DeadLettersThePoisonJobWithTheReason(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);
        await h.Queue.EnqueueAsync("poison", "x");
        await h.Queue.EnqueueAsync("fine", "x");

        var outcomes = new List<RecoveredTask>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var worker = $"w{attempt}";
            await h.HeartbeatAsync(worker);
            var claimed = await h.Queue.ClaimAsync(worker, Lease, TimeSpan.Zero);
            Assert.Equal(("poison", attempt), (claimed!.Id, claimed.Attempt));
            outcomes.AddRange(await h.Queue.RequeueExpiredAsync(h.Clock.Advance(Lease + TimeSpan.FromSeconds(1)), maxAttempts: 3));
        }

        Assert.Equal([RecoveryOutcome.Requeued, RecoveryOutcome.Requeued, RecoveryOutcome.DeadLettered], outcomes.Select(o => o.Outcome));
        var reason = outcomes[^1].Reason;
        Assert.Equal("poison job: gave up after 3 attempts; last: lease expired (worker w3)", reason);
        Assert.Equal(["poison"], await h.ListAsync(h.Keys.Failed));
        Assert.Equal(["fine"], await h.ListAsync(h.Keys.Queue));
        var task = await h.Queue.GetTaskAsync("poison");
        Assert.Equal(TaskHashStatus.Failed, task!.Status);
        Assert.Equal(reason, task.Error);
        Assert.InRange(task.TimeToLive!.Value, TimeSpan.FromHours(23), TimeSpan.FromHours(24));
    }

    [Theory, BothBackends]
    public async Task RequeueExpired_WorkerHeartbeatGone_RequeuesBeforeTheLeaseRunsOut(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);
        await h.HeartbeatAsync("alive");
        await h.HeartbeatAsync("dies");
        await h.Queue.EnqueueAsync("t-alive", "x");
        await h.Queue.EnqueueAsync("t-dies", "x");
        await h.Queue.ClaimAsync("alive", Lease, TimeSpan.Zero);
        await h.Queue.ClaimAsync("dies", Lease, TimeSpan.Zero);

        await h.Db.KeyDeleteAsync(h.Keys.Worker("dies")); // what the heartbeat's TTL does when the worker stops renewing it
        var recovered = await h.Queue.RequeueExpiredAsync(h.Clock.GetUtcNow(), maxAttempts: 3);

        var only = Assert.Single(recovered);
        Assert.Equal(("t-dies", RecoveryOutcome.Requeued, "worker heartbeat lost (worker dies)"), (only.Id, only.Outcome, only.Reason));
        Assert.Equal(["t-dies"], await h.ListAsync(h.Keys.Queue));
        Assert.Equal(["t-alive"], await h.ListAsync(h.Keys.Processing));
    }

    [Theory, BothBackends]
    public async Task Ack_LateAfterTakeover_IsRejectedAndChangesNothing(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);
        await h.HeartbeatAsync("slow");
        await h.HeartbeatAsync("fast");
        await h.Queue.EnqueueAsync("t1", "x");
        await h.Queue.ClaimAsync("slow", Lease, TimeSpan.Zero);
        await h.Queue.RequeueExpiredAsync(h.Clock.Advance(Lease + TimeSpan.FromSeconds(1)), maxAttempts: 3);

        // Between the takeover and the next claim: the old owner is already out.
        Assert.Equal(AckResult.NotOwner, await h.Queue.AckAsync("t1", "slow"));
        Assert.Equal(["t1"], await h.ListAsync(h.Keys.Queue));

        await h.Queue.ClaimAsync("fast", Lease, TimeSpan.Zero);
        var before = await h.Queue.GetTaskAsync("t1");
        Assert.Equal(AckResult.NotOwner, await h.Queue.AckAsync("t1", "slow"));
        Assert.False(await h.Queue.ReportProgressAsync("t1", "slow", 1, 2));
        Assert.Equal(FailOutcome.NotOwner, (await h.Queue.FailAsync("t1", "slow", "boom", permanent: true)).Outcome);
        Assert.False(await h.Queue.HandBackAsync("t1", "slow"));

        Assert.Equal(before, await h.Queue.GetTaskAsync("t1"));
        Assert.Equal(["t1"], await h.ListAsync(h.Keys.Processing));
        Assert.Empty(await h.ListAsync(h.Keys.Results));
        Assert.Empty(await h.ListAsync(h.Keys.Failed));

        Assert.Equal(AckResult.Completed, await h.Queue.AckAsync("t1", "fast"));
        Assert.Equal(["t1"], await h.ListAsync(h.Keys.Results));
        Assert.Equal(AckResult.NotOwner, await h.Queue.AckAsync("t1", "fast"));
        Assert.Equal(["t1"], await h.ListAsync(h.Keys.Results));
    }

    [Theory, BothBackends]
    public async Task HandBack_PutsTheTaskAtTheFrontWithItsAttemptGivenBack(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);
        await h.Queue.EnqueueAsync("t1", "x");
        await h.Queue.EnqueueAsync("t2", "x");
        await h.Queue.ClaimAsync("w1", Lease, TimeSpan.Zero);

        Assert.True(await h.Queue.HandBackAsync("t1", "w1"));

        Assert.Equal(["t1", "t2"], await h.ListAsync(h.Keys.Queue));
        Assert.Empty(await h.ListAsync(h.Keys.Processing));
        Assert.Empty(await h.ListAsync(h.Keys.Failed));
        Assert.Null(await h.Db.SortedSetScoreAsync(h.Keys.ProcessingDeadlines, "t1"));
        var task = await h.Queue.GetTaskAsync("t1");
        Assert.Equal((TaskHashStatus.Pending, 0, (string?)null), (task!.Status, task.Attempts, task.Worker));
        var next = await h.Queue.ClaimAsync("w2", Lease, TimeSpan.Zero);
        Assert.Equal(("t1", 1), (next!.Id, next.Attempt));
    }

    [Theory, BothBackends]
    public async Task RequeueExpired_TwoSupervisorsRacing_RecoverEachTaskExactlyOnce(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);
        var ids = Enumerable.Range(0, 40).Select(i => $"t{i:D2}").ToArray();
        foreach (var id in ids)
        {
            await h.Queue.EnqueueAsync(id, "x");
        }

        for (var i = 0; i < ids.Length; i++)
        {
            var worker = $"w{i}";
            if (i % 2 == 0)
            {
                await h.HeartbeatAsync(worker); // odd workers have no heartbeat: recovered for that reason, even ones for the lease
            }

            await h.Queue.ClaimAsync(worker, Lease, TimeSpan.Zero);
        }

        using var otherConnection = BackendConnections.Open(backend);
        var supervisors = new[] { h.NewClient(), h.NewClient(otherConnection) };
        var now = h.Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var passes = await Task.WhenAll(Enumerable.Range(0, 6).Select(n => Task.Run(() => supervisors[n % 2].RequeueExpiredAsync(now, maxAttempts: 3))));

        var recovered = passes.SelectMany(p => p).ToArray();
        Assert.Equal(ids, recovered.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.All(recovered, r => Assert.Equal(RecoveryOutcome.Requeued, r.Outcome));
        Assert.Equal(ids, (await h.ListAsync(h.Keys.Queue)).Order(StringComparer.Ordinal));
        Assert.Empty(await h.ListAsync(h.Keys.Processing));
        Assert.Equal(0, await h.Db.SortedSetLengthAsync(h.Keys.ProcessingDeadlines));
    }

    [Theory, BothBackends]
    public async Task RequeueExpired_IdInProcessingWithoutALease_IsLeasedThenRecoveredWhenThatLeaseRunsOut(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);
        await h.Queue.EnqueueAsync("orphan", "x");
        await h.Db.ListMoveAsync(h.Keys.Queue, h.Keys.Processing, StackExchange.Redis.ListSide.Left, StackExchange.Redis.ListSide.Right);

        var now = h.Clock.GetUtcNow();
        Assert.Empty(await h.Queue.RequeueExpiredAsync(now, maxAttempts: 3));
        Assert.Equal((now + h.Options.LeaseDuration).ToUnixTimeMilliseconds(), await h.Db.SortedSetScoreAsync(h.Keys.ProcessingDeadlines, "orphan"));

        var later = h.Clock.Advance(h.Options.LeaseDuration + TimeSpan.FromSeconds(1));
        var recovered = Assert.Single(await h.Queue.RequeueExpiredAsync(later, maxAttempts: 3));
        Assert.Equal(("orphan", RecoveryOutcome.Requeued, "lease expired"), (recovered.Id, recovered.Outcome, recovered.Reason));
        Assert.Equal(["orphan"], await h.ListAsync(h.Keys.Queue));
    }
}
