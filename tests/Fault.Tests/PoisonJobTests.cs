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
        // Play the poison: whoever claims it dies at once. The claim event (task:claimed) names the worker, so the kill
        // lands within milliseconds of the claim, long before the transcription could finish. Claims are collected from
        // before the upload, since a worker may claim the job before the POST has even answered.
        string? poisonId = null;
        var claims = new System.Collections.Concurrent.ConcurrentQueue<TaskClaimedEvent>();
        var kills = 0;
        var killedAttempts = new HashSet<int>();
        var gate = new SemaphoreSlim(1);

        async Task KillClaimantsAsync()
        {
            await gate.WaitAsync();
            try
            {
                foreach (var claimed in claims)
                {
                    if (claimed.TaskId == poisonId && killedAttempts.Add(claimed.Attempt))
                    {
                        var silo = cluster.Gpu(claimed.WorkerId);
                        silo.Kill();
                        silo.Restart();
                        kills++;
                        output.WriteLine($"poison job attempt {claimed.Attempt} on {claimed.WorkerId}: worker killed");
                    }
                }
            }
            finally
            {
                gate.Release();
            }
        }

        var subscriber = cluster.RedisClient.GetSubscriber();
        await subscriber.SubscribeAsync(RedisChannel.Literal(RedisChannels.Seed.Claimed), (channel, message) =>
        {
            claims.Enqueue(TaskEventJson.Deserialize<TaskClaimedEvent>((string)message!));
            _ = Task.Run(KillClaimantsAsync);
        });

        var poison = await client.SubmitAsync(LoopedClip.Of(TestClips.Ensure("fast-passage"), 4).WavPath);
        poisonId = poison.ToString("D");
        await KillClaimantsAsync();
        var run = new JobRun(cluster, client, output);
        await run.SubmitAsync(4);

        await client.WaitUntilAsync(
            poison,
            job => job.GetProperty("status").GetString() is "failed" or "completed" or "cancelled",
            TimeSpan.FromMinutes(3),
            "failed as a poison job");
        await subscriber.UnsubscribeAllAsync();

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
