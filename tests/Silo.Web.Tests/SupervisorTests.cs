using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Grains.Abstractions.Redis;

namespace WhatsTheTab.Silo.Web.Tests;

/// <summary>The web silo's queue supervisor takes back tasks whose worker vanished and tells their grains.</summary>
[Collection(PostgresWebSiloDefinition.Name)]
public sealed class SupervisorTests(PostgresWebSilo fixture)
{
    private static readonly byte[] Audio = [.. "RIFF"u8, 9, 9, 9, 9];

    [Fact]
    public async Task ExpiredLease_IsRequeued_AndTheGrainGoesBackToPending()
    {
        var id = await fixture.CreateJobAsync(Audio);
        await fixture.Queue.EnqueueAsync(id.ToString("D"), "{}");

        // a worker claims it, tells the grain, and dies: no heartbeat, and its lease runs out
        var claim = await ClaimAsync(id, "doomed-worker");
        await fixture.Grains.GetGrain<ITranscriptionGrain>(id).ClaimedAsync(new JobClaim("doomed-worker", claim.Attempt, claim.ClaimedAt));

        var job = await fixture.WaitForJobAsync(id, j => j.Status == JobStatus.Pending);
        Assert.Equal(JobStatus.Pending, job.Status);
        var task = await fixture.Queue.GetTaskAsync(id.ToString("D"));
        Assert.Equal(TaskHashStatus.Pending, task!.Status);
        Assert.Contains(job.AttemptHistory, a => a.WorkerId == "doomed-worker");
    }

    [Fact]
    public async Task PoisonJob_IsDeadLettered_AndTheGrainFailsForGood()
    {
        var id = await fixture.CreateJobAsync(Audio);
        var grain = fixture.Grains.GetGrain<ITranscriptionGrain>(id);
        await fixture.Queue.EnqueueAsync(id.ToString("D"), "{}");

        // every attempt kills its worker
        for (var attempt = 1; attempt <= PostgresWebSilo.MaxAttempts; attempt++)
        {
            var worker = $"crashing-worker-{attempt}";
            var claim = await ClaimAsync(id, worker);
            await grain.ClaimedAsync(new JobClaim(worker, claim.Attempt, claim.ClaimedAt));
            if (attempt < PostgresWebSilo.MaxAttempts)
            {
                await fixture.WaitForJobAsync(id, j => j.Status == JobStatus.Pending);
            }
        }

        var failed = await fixture.WaitForJobAsync(id, j => j.Status == JobStatus.Failed);
        Assert.Equal(JobStatus.Failed, failed.Status);
        Assert.False(string.IsNullOrEmpty(failed.Error));
        var task = await fixture.Queue.GetTaskAsync(id.ToString("D"));
        Assert.Equal(TaskHashStatus.Failed, task!.Status);
    }

    // The worker lives (heartbeat, lease) just long enough to tell the grain of its claim, then vanishes. Claims are
    // first in, first out across the queue: a leftover of another test is claimed too and recovered like this one.
    private async Task<TaskQueue.ClaimedTask> ClaimAsync(Guid id, string worker)
    {
        var life = TimeSpan.FromSeconds(4);
        await fixture.Queue.HeartbeatAsync(worker, new TaskQueue.WorkerInfo("test", "cpu", null, 0, 0, DateTimeOffset.UtcNow), life);
        while (true)
        {
            var claim = await fixture.Queue.ClaimAsync(worker, life, TimeSpan.FromSeconds(30));
            Assert.NotNull(claim);
            if (claim.Id == id.ToString("D"))
            {
                return claim;
            }
        }
    }
}
