using System.Collections.Concurrent;
using WhatsTheTab.Grains.Abstractions.Redis;

namespace WhatsTheTab.TaskQueue.Tests;

/// <summary>Enqueue and claim: order, atomicity, idempotency, waiting.</summary>
public sealed class ClaimTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Theory, BothBackends]
    public async Task Claim_TakesTasksFirstInFirstOut(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            Assert.Equal(EnqueueResult.Enqueued, await h.Queue.EnqueueAsync(id, $"payload-{id}"));
        }

        var claimed = new List<ClaimedTask>();
        for (var i = 0; i < 4; i++)
        {
            claimed.Add(Assert.IsType<ClaimedTask>(await h.Queue.ClaimAsync("w1", Lease, TimeSpan.Zero)));
        }

        Assert.Equal(["a", "b", "c", "d"], claimed.Select(c => c.Id));
        Assert.Equal(["payload-a", "payload-b", "payload-c", "payload-d"], claimed.Select(c => c.Payload));
        Assert.Equal(["a", "b", "c", "d"], await h.ListAsync(h.Keys.Processing));
        Assert.Empty(await h.ListAsync(h.Keys.Queue));
    }

    [Theory, BothBackends]
    public async Task Claim_RecordsLeaseAttemptAndWorkerInOneStep(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);
        await h.Queue.EnqueueAsync("t1", "{}");
        var now = h.Clock.GetUtcNow();

        var claimed = await h.Queue.ClaimAsync("w1", Lease, TimeSpan.Zero);

        Assert.NotNull(claimed);
        Assert.Equal(1, claimed.Attempt);
        Assert.Equal(now + Lease, claimed.LeaseDeadline);
        Assert.Equal((now + Lease).ToUnixTimeMilliseconds(), await h.Db.SortedSetScoreAsync(h.Keys.ProcessingDeadlines, "t1"));
        var task = await h.Queue.GetTaskAsync("t1");
        Assert.NotNull(task);
        Assert.Equal(TaskHashStatus.Processing, task.Status);
        Assert.Equal("w1", task.Worker);
        Assert.Equal(1, task.Attempts);
        Assert.Equal(now, task.ClaimedAt);
        Assert.Equal(now + Lease, task.LeaseDeadline);
        Assert.Null(task.TimeToLive);
    }

    [Theory, BothBackends]
    public async Task Claim_EightConcurrentClaimersOver200Ids_ClaimEachIdExactlyOnce(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);
        var ids = Enumerable.Range(0, 200).Select(i => $"job-{i:D3}").ToArray();
        var claims = new ConcurrentBag<(string Worker, string Id)>();
        using var stop = new CancellationTokenSource(QueueHarness.HangGuard);
        var claimers = Enumerable.Range(0, 8).Select(n => Task.Run(async () =>
        {
            var worker = $"w{n}";
            var queue = h.NewClient();
            while (claims.Count < ids.Length && !stop.IsCancellationRequested)
            {
                var claimed = await queue.ClaimAsync(worker, Lease, TimeSpan.FromMilliseconds(100), stop.Token);
                if (claimed is not null)
                {
                    claims.Add((worker, claimed.Id));
                }
            }
        })).ToArray();
        var producers = ids.Chunk(25).Select(batch => Task.Run(async () =>
        {
            foreach (var id in batch)
            {
                Assert.Equal(EnqueueResult.Enqueued, await h.Queue.EnqueueAsync(id, id));
            }
        }));

        await Task.WhenAll(producers);
        await Task.WhenAll(claimers);

        var claimedIds = claims.Select(c => c.Id).ToArray();
        Assert.Equal(ids.Length, claimedIds.Length);
        Assert.Equal(ids, claimedIds.Order(StringComparer.Ordinal));
        Assert.Empty(await h.ListAsync(h.Keys.Queue));
        Assert.Equal(ids.Length, (await h.ListAsync(h.Keys.Processing)).Distinct().Count());
        Assert.Equal(ids.Length, await h.Db.SortedSetLengthAsync(h.Keys.ProcessingDeadlines));
        foreach (var (worker, id) in claims)
        {
            Assert.Equal(worker, await h.HashFieldAsync(id, TaskHashFields.Worker));
            Assert.Equal("1", await h.HashFieldAsync(id, TaskHashFields.Attempts));
        }
    }

    [Theory, BothBackends]
    public async Task Claim_EmptyQueue_ReturnsNullWhenTheWaitEnds(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);

        var claimed = await h.Queue.ClaimAsync("w1", Lease, TimeSpan.FromMilliseconds(150));

        Assert.Null(claimed);
    }

    [Theory, BothBackends]
    public async Task Claim_WaitingOnEmptyQueue_GetsTaskEnqueuedLater(Backend backend)
    {
        await using var h = QueueHarness.Create(backend, o => o.ClaimPollInterval = TimeSpan.FromMinutes(5));
        var worker = h.NewClient();
        var waiting = worker.ClaimAsync("w1", Lease, QueueHarness.HangGuard);

        await h.Queue.EnqueueAsync("late", "x");

        // The poll interval is 5 minutes, so only the task:new notification can wake the claim before the hang guard.
        var claimed = await waiting;
        Assert.Equal("late", claimed?.Id);
    }

    [Theory, BothBackends]
    public async Task Claim_Cancelled_ThrowsOperationCanceled(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);
        using var cancel = new CancellationTokenSource();
        var waiting = h.Queue.ClaimAsync("w1", Lease, QueueHarness.HangGuard, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Theory, BothBackends]
    public async Task Enqueue_IdAlreadyQueuedOrProcessing_ChangesNothing(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);
        Assert.Equal(EnqueueResult.Enqueued, await h.Queue.EnqueueAsync("t1", "first"));

        Assert.Equal(EnqueueResult.AlreadyActive, await h.Queue.EnqueueAsync("t1", "second"));
        Assert.Equal(["t1"], await h.ListAsync(h.Keys.Queue));

        await h.Queue.ClaimAsync("w1", Lease, TimeSpan.Zero);
        Assert.Equal(EnqueueResult.AlreadyActive, await h.Queue.EnqueueAsync("t1", "third"));
        Assert.Empty(await h.ListAsync(h.Keys.Queue));
        Assert.Equal("first", await h.HashFieldAsync("t1", TaskHashFields.Payload));
        Assert.Equal("w1", await h.HashFieldAsync("t1", TaskHashFields.Worker));

        await h.Queue.AckAsync("t1", "w1");
        Assert.Equal(EnqueueResult.AlreadyFinished, await h.Queue.EnqueueAsync("t1", "fourth"));
        Assert.Empty(await h.ListAsync(h.Keys.Queue));
    }
}
