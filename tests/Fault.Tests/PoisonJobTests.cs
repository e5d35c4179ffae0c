using StackExchange.Redis;
using WhatsTheTab.Grains.Abstractions.Redis;
using WhatsTheTab.TestSupport;
using Xunit.Abstractions;

namespace WhatsTheTab.Fault.Tests;

/// <summary>
/// A poison job: every worker that claims it dies (played here by SIGKILLing whichever GPU silo runs it). After the
/// default three attempts it goes to the dead letter list with that reason instead of being redelivered forever, and
/// the other jobs complete.
/// </summary>
public sealed class PoisonJobTests(ITestOutputHelper output)
{
    private const int MaxAttempts = 3; // QueueOptions.MaxAttempts' default

    [Fact]
    public async Task JobThatKillsItsWorkerEveryTime_EndsInTheDeadLetterListAndTheOthersComplete()
    {
        await using var cluster = await FaultCluster.StartAsync(gpuSilos: 2);
        using var http = cluster.Http();
        var client = new JobsClient(http);
        var poison = await client.SubmitAsync(LoopedClip.Of(TestClips.Ensure("fast-passage"), 4).WavPath);
        var run = new JobRun(cluster, client, output);
        await run.SubmitAsync(4);

        var kills = 0;
        var killedAttempts = new HashSet<int>();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var job = await client.TryGetAsync(poison);
            var status = job?.GetProperty("status").GetString();
            if (status is "failed" or "completed" or "cancelled")
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"poison job still {status} after {kills} kills: {job}");
            if (status == "processing" && job!.Value.GetProperty("workerId").GetString() is { } worker
                && killedAttempts.Add(job.Value.GetProperty("attempts").GetInt32()))
            {
                var silo = cluster.Gpu(worker);
                silo.Kill();
                silo.Restart();
                kills++;
                output.WriteLine($"poison job attempt {job.Value.GetProperty("attempts").GetInt32()} on {worker}: worker killed");
            }

            await Task.Delay(100);
        }

        var failed = await client.WaitUntilFinishedAsync(poison, TimeSpan.FromSeconds(10));
        var error = failed.GetProperty("error").GetString();
        output.WriteLine($"poison job: {failed.GetProperty("status").GetString()} after {kills} kills: {error}");
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal(MaxAttempts, kills);
        Assert.Contains("poison job", error, StringComparison.Ordinal);
        var db = cluster.RedisClient.GetDatabase();
        Assert.Contains((await db.ListRangeAsync(RedisKeys.Seed.Failed)).Select(v => (string?)v), v => v == poison.ToString("D"));
        Assert.Equal("failed", (string?)await db.HashGetAsync(RedisKeys.Seed.Task(poison.ToString("D")), TaskHashFields.Status));

        await run.AssertEveryJobCompletedExactlyOnceAsync(TimeSpan.FromMinutes(3));
    }
}
