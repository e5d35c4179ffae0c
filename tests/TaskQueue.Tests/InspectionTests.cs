using WhatsTheTab.Grains.Abstractions.Redis;

namespace WhatsTheTab.TaskQueue.Tests;

/// <summary>Depths, task snapshots, worker heartbeats and the results catch-up list.</summary>
public sealed class InspectionTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Theory, BothBackends]
    public async Task GetDepths_CountsEveryListAndSortedSet(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);
        foreach (var id in new[] { "done", "retry", "dead", "busy", "waiting" })
        {
            await h.Queue.EnqueueAsync(id, "x");
        }

        await h.Queue.ClaimAsync("w", Lease, TimeSpan.Zero);
        await h.Queue.AckAsync("done", "w");
        await h.Queue.ClaimAsync("w", Lease, TimeSpan.Zero);
        await h.Queue.FailAsync("retry", "w", "flaky", permanent: false);
        await h.Queue.ClaimAsync("w", Lease, TimeSpan.Zero);
        await h.Queue.FailAsync("dead", "w", "broken", permanent: true);
        await h.Queue.ClaimAsync("w2", Lease, TimeSpan.Zero);

        Assert.Equal(new QueueDepths(Queued: 1, Processing: 1, Leased: 1, Delayed: 1, DeadLettered: 1, Results: 1), await h.Queue.GetDepthsAsync());
    }

    [Theory, BothBackends]
    public async Task GetTask_ReturnsTheHashAsARecord_AndNullForAnUnknownId(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);
        var created = h.Clock.GetUtcNow();
        await h.Queue.EnqueueAsync("t1", "{\"file\":\"a.wav\"}");

        var task = await h.Queue.GetTaskAsync("t1");

        Assert.Equal(new TaskRecord("t1", "{\"file\":\"a.wav\"}", TaskHashStatus.Pending, 0, null, created, null, created, null, 0, 0, null, null, null), task);
        Assert.Null(await h.Queue.GetTaskAsync("nope"));
    }

    [Theory, BothBackends]
    public async Task Heartbeat_ListWorkers_ShowsLiveWorkersOnly(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);
        var started = h.Clock.GetUtcNow();
        await h.Queue.HeartbeatAsync("gpu-1", new WorkerInfo("node-a", "cuda:0", "t9", 5, 1, started));
        await h.Queue.HeartbeatAsync("gpu-2", new WorkerInfo("node-b", "cpu", null, 0, 0, started), TimeSpan.FromMinutes(5));
        await h.Queue.HeartbeatAsync("gone", new WorkerInfo("node-c", "cpu", null, 0, 0, started));
        await h.Db.KeyDeleteAsync(h.Keys.Worker("gone"));

        var workers = await h.Queue.ListWorkersAsync();

        Assert.Equal(["gpu-1", "gpu-2"], workers.Select(w => w.WorkerId));
        var first = workers[0];
        Assert.Equal(("node-a", "cuda:0", "t9", 5L, 1L, started, started), (first.Host, first.Device, first.CurrentTask, first.Completed, first.Failed, first.StartedAt, first.LastSeen));
        Assert.InRange(first.TimeToLive!.Value, TimeSpan.FromSeconds(1), h.Options.HeartbeatTtl);
        Assert.Null(workers[1].CurrentTask);
        Assert.InRange(workers[1].TimeToLive!.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
    }

    [Theory, BothBackends]
    public async Task DrainResults_AppliesCompletedIdsAndRemovesThemOnlyAfterApplying(Backend backend)
    {
        await using var h = QueueHarness.Create(backend);
        foreach (var id in new[] { "r1", "r2", "r3" })
        {
            await h.Queue.EnqueueAsync(id, "x");
            await h.Queue.ClaimAsync("w", Lease, TimeSpan.Zero);
            await h.Queue.AckAsync(id, "w");
        }

        var applied = new List<string>();
        var count = await h.Queue.DrainResultsAsync((id, _) =>
        {
            if (id == "r1")
            {
                throw new InvalidOperationException("grain unavailable");
            }

            applied.Add(id);
            return Task.CompletedTask;
        });

        Assert.Equal(2, count);
        Assert.Equal(["r2", "r3"], applied);
        Assert.Equal(["r1"], await h.ListAsync(h.Keys.Results));

        Assert.Equal(1, await h.Queue.DrainResultsAsync((id, _) => { applied.Add(id); return Task.CompletedTask; }));
        Assert.Equal(["r2", "r3", "r1"], applied);
        Assert.Empty(await h.ListAsync(h.Keys.Results));
    }
}
