using WhatsTheTab.TestSupport;
using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace WhatsTheTab.Fault.Tests;

/// <summary>Restart redis-server (append-only file on) while jobs are queued and running: the queue survives and every job completes.</summary>
public sealed class RedisRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RedisRestartWhileJobsQueuedAndRunning_EveryJobCompletesExactlyOnce()
    {
        await using var cluster = await FaultCluster.StartAsync(gpuSilos: 2);
        using var http = cluster.Http();
        var client = new JobsClient(http);
        var run = new JobRun(cluster, client, output);
        await run.SubmitAsync(8, loops: 2);

        await client.WaitUntilAsync(run.Jobs[0].Id, j => j.GetProperty("status").GetString() is "processing" or "completed", TimeSpan.FromMinutes(2), "processing");
        var processing = (await run.ProcessingAsync()).Count;
        var clock = Stopwatch.StartNew();
        cluster.Redis.Restart();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"redis-server restarted in {clock.Elapsed.TotalSeconds:F1} s with {processing} jobs processing"));

        await run.AssertEveryJobCompletedExactlyOnceAsync(TimeSpan.FromMinutes(4));
    }
}
