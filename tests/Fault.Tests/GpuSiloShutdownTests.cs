using WhatsTheTab.TestSupport;
using StackExchange.Redis;
using WhatsTheTab.Grains.Abstractions.Redis;
using Xunit.Abstractions;

namespace WhatsTheTab.Fault.Tests;

/// <summary>
/// SIGTERM a GPU silo while its job is processing: the job goes back to the front of the queue (not to failed) with its
/// attempt given back, and the other GPU silo completes it.
/// </summary>
public sealed class GpuSiloShutdownTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SigtermMidJob_JobIsHandedBackWithItsAttemptAndCompletesOnTheOtherSilo()
    {
        // no grace: the silo stops at once, so the hand-back path runs (with a grace it might finish the job instead)
        await using var cluster = await FaultCluster.StartAsync(gpuSilos: 2, new Dictionary<string, string> { ["Worker__ShutdownGrace"] = "00:00:00" });
        using var http = cluster.Http();
        var client = new JobsClient(http);
        var run = new JobRun(cluster, client, output);
        await run.SubmitAsync(1, loops: 4);
        var id = run.Jobs[0].Id;

        var processing = await client.WaitUntilAsync(id, j => j.GetProperty("status").GetString() == "processing", TimeSpan.FromMinutes(2), "processing");
        var stopped = processing.GetProperty("workerId").GetString()!;
        var exitCode = await cluster.Gpu(stopped).StopAsync(TimeSpan.FromSeconds(60));
        output.WriteLine($"SIGTERM to {stopped} while job {id} was processing: exit code {exitCode}");
        foreach (var line in cluster.Gpu(stopped).Output().Split('\n').Where(l => l.Contains(id.ToString("D"), StringComparison.Ordinal) || l.Contains("shut", StringComparison.OrdinalIgnoreCase) || l.Contains("stopp", StringComparison.OrdinalIgnoreCase)))
        {
            output.WriteLine($"  {stopped}: {line.TrimEnd()}");
        }

        Assert.Equal(0, exitCode);

        var finished = await run.AssertEveryJobCompletedExactlyOnceAsync(TimeSpan.FromMinutes(3));
        var job = finished[0];
        var history = job.GetProperty("attemptHistory").EnumerateArray().ToList();
        output.WriteLine($"attempt history: {string.Join(" | ", history.Select(a => $"{a.GetProperty("workerId").GetString()}: {a.GetProperty("outcome").GetString()}"))}");
        Assert.Equal(2, history.Count);
        Assert.Equal(stopped, history[0].GetProperty("workerId").GetString());
        // "requeued: worker shutting down", or "superseded" when the other silo's claim reached the grain first; never a failure
        Assert.Matches("^(requeued|superseded)", history[0].GetProperty("outcome").GetString());
        Assert.NotEqual(stopped, job.GetProperty("workerId").GetString());

        // the hand-back gave its attempt back: two claims, one attempt counted (the poison counter did not move)
        Assert.Equal(1, job.GetProperty("attempts").GetInt32());
        var db = cluster.RedisClient.GetDatabase();
        Assert.Equal(1, (int)await db.HashGetAsync(RedisKeys.Seed.Task(id.ToString("D")), TaskHashFields.Attempts));
    }
}
