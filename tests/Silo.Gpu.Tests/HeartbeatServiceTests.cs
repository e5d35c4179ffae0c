using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WhatsTheTab.Silo.Gpu.Worker;

namespace WhatsTheTab.Silo.Gpu.Tests;

[Collection(SharedEngine.Name)]
public sealed class HeartbeatServiceTests(EngineFixture fixture)
{
    [Fact]
    public async Task Running_WritesTheWorkerKey_WithTheHeartbeatTtl()
    {
        await using var h = await WorkerHarness.StartAsync(fixture.Engine);
        h.Activity.JobStarted("job-in-progress");
        using var heartbeat = new HeartbeatService(
            h.Queue,
            h.Activity,
            fixture.Engine,
            Options.Create(h.Options),
            Options.Create(h.QueueOptions),
            TimeProvider.System,
            NullLogger<HeartbeatService>.Instance);

        await heartbeat.StartAsync(CancellationToken.None);
        await WorkerHarness.EventuallyAsync(async () => await h.Db.KeyExistsAsync(h.Keys.Worker(h.WorkerId)));
        await heartbeat.StopAsync(CancellationToken.None);

        var ttl = await h.Db.KeyTimeToLiveAsync(h.Keys.Worker(h.WorkerId));
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMilliseconds(1), h.QueueOptions.HeartbeatTtl);
        var status = Assert.Single(await h.Queue.ListWorkersAsync(), w => w.WorkerId == h.WorkerId);
        Assert.Equal(Environment.MachineName, status.Host);
        Assert.Equal("cpu", status.Device);
        Assert.Equal("job-in-progress", status.CurrentTask);
        Assert.Equal(0, status.Completed);
        Assert.Equal(0, status.Failed);
    }
}
