using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Grains.Tests;

[Collection(SharedCluster.Name)]
public sealed class TranscriptionGrainIdempotencyTests(ClusterFixture fixture)
{
    private async Task<ITranscriptionGrain> SubmittedAsync()
    {
        var grain = fixture.Client.GetGrain<ITranscriptionGrain>(Guid.NewGuid());
        await grain.SubmitAsync(TestJobs.Submission());
        return grain;
    }

    private async Task<ITranscriptionGrain> ClaimedByAsync(string workerId)
    {
        var grain = await SubmittedAsync();
        TransitionAssert.Applied(await grain.ClaimedAsync(TestJobs.Claim(workerId)), JobStatus.Processing);
        return grain;
    }

    [Fact]
    public async Task Submit_Twice_ReturnsTheFirstJobUnchanged()
    {
        var grain = fixture.Client.GetGrain<ITranscriptionGrain>(Guid.NewGuid());
        var first = await grain.SubmitAsync(TestJobs.Submission(fileName: "first.wav"));

        var second = await grain.SubmitAsync(TestJobs.Submission(fileName: "second.wav"));

        TransitionAssert.SameJob(first, second);
        Assert.Equal("first.wav", (await grain.GetAsync())!.FileName);
    }

    [Fact]
    public async Task Submit_AgainAfterItMoved_DoesNotResetTheJob()
    {
        var grain = await ClaimedByAsync("w1");

        var again = await grain.SubmitAsync(TestJobs.Submission());

        Assert.Equal(JobStatus.Processing, again.Status);
        Assert.Equal("w1", again.WorkerId);
    }

    [Fact]
    public async Task Claimed_Twice_SecondIsADuplicate()
    {
        // The worker's own call and the task:claimed event routed from Redis carry the same claim.
        var grain = await ClaimedByAsync("w1");
        var before = (await grain.GetAsync())!;

        TransitionAssert.Unchanged(await grain.ClaimedAsync(TestJobs.Claim("w1")), JobStatus.Processing, "duplicate claim");

        await TransitionAssert.NothingChangedAsync(grain, before);
        Assert.Single(before.AttemptHistory);
    }

    [Fact]
    public async Task Claimed_EventArrivingAfterTheHandBack_DoesNotRestartTheAttempt()
    {
        var grain = await ClaimedByAsync("w1");
        TransitionAssert.Applied(await grain.RequeuedAsync("w1", "shutting down"), JobStatus.Pending);
        var before = (await grain.GetAsync())!;

        TransitionAssert.Unchanged(await grain.ClaimedAsync(TestJobs.Claim("w1")), JobStatus.Pending, "already recorded");

        await TransitionAssert.NothingChangedAsync(grain, before);
    }

    [Fact]
    public async Task Claimed_OlderThanTheLatestAttempt_IsStale()
    {
        var grain = await SubmittedAsync();
        TransitionAssert.Applied(await grain.ClaimedAsync(TestJobs.Claim("w2", attempt: 2, atMinute: 10)), JobStatus.Processing);
        var before = (await grain.GetAsync())!;

        TransitionAssert.Unchanged(await grain.ClaimedAsync(TestJobs.Claim("w1", attempt: 1, atMinute: 1)), JobStatus.Processing, "stale claim");

        await TransitionAssert.NothingChangedAsync(grain, before);
    }

    [Fact]
    public async Task Claimed_AfterAHandBackWithTheSameAttemptNumber_StartsANewAttempt()
    {
        // A hand-back gives the attempt back to the queue, so the next claim reuses its number.
        var grain = await ClaimedByAsync("w1");
        TransitionAssert.Applied(await grain.RequeuedAsync("w1", "shutting down"), JobStatus.Pending);

        TransitionAssert.Applied(await grain.ClaimedAsync(TestJobs.Claim("w2", attempt: 1, atMinute: 2)), JobStatus.Processing);

        var job = (await grain.GetAsync())!;
        Assert.Equal("w2", job.WorkerId);
        Assert.Equal([("w1", "requeued: shutting down"), ("w2", (string?)null)], job.AttemptHistory.Select(a => (a.WorkerId, a.Outcome)));
    }

    [Fact]
    public async Task Completed_Twice_FirstResultWins()
    {
        var grain = await ClaimedByAsync("w1");
        var first = TestJobs.Result("w1", noteCount: 10);
        TransitionAssert.Applied(await grain.CompletedAsync(first), JobStatus.Completed);
        var before = (await grain.GetAsync())!;

        TransitionAssert.Unchanged(await grain.CompletedAsync(TestJobs.Result("w1", noteCount: 99)), JobStatus.Completed, "first result wins");

        await TransitionAssert.NothingChangedAsync(grain, before);
        Assert.Equal(first, before.Result);
    }

    [Fact]
    public async Task Completed_FromAWorkerThatDoesNotOwnTheJob_IsIgnored()
    {
        var grain = await ClaimedByAsync("w1");
        var before = (await grain.GetAsync())!;

        TransitionAssert.Unchanged(await grain.CompletedAsync(TestJobs.Result("w-old")), JobStatus.Processing, "belongs to w1");

        await TransitionAssert.NothingChangedAsync(grain, before);
    }

    [Fact]
    public async Task Progress_AfterCompletion_IsIgnored()
    {
        var grain = await ClaimedByAsync("w1");
        TransitionAssert.Applied(await grain.ProgressAsync(new JobProgress("w1", 2, 4)), JobStatus.Processing);
        TransitionAssert.Applied(await grain.CompletedAsync(TestJobs.Result("w1")), JobStatus.Completed);
        var before = (await grain.GetAsync())!;

        TransitionAssert.Unchanged(await grain.ProgressAsync(new JobProgress("w1", 3, 4)), JobStatus.Completed, "completed");

        await TransitionAssert.NothingChangedAsync(grain, before);
        Assert.Equal(4, before.CurrentChunk);
    }

    [Fact]
    public async Task Progress_NeverGoesBackwards()
    {
        var grain = await ClaimedByAsync("w1");
        TransitionAssert.Applied(await grain.ProgressAsync(new JobProgress("w1", 3, 8)), JobStatus.Processing);
        var before = (await grain.GetAsync())!;

        TransitionAssert.Unchanged(await grain.ProgressAsync(new JobProgress("w1", 2, 8)), JobStatus.Processing, "backwards");
        TransitionAssert.Unchanged(await grain.ProgressAsync(new JobProgress("w1", 3, 8)), JobStatus.Processing, "backwards");

        await TransitionAssert.NothingChangedAsync(grain, before);
        Assert.Equal(3, before.CurrentChunk);
    }

    [Fact]
    public async Task Progress_ZeroOfTotal_AnnouncesTheTotalOnce()
    {
        var grain = await ClaimedByAsync("w1");

        TransitionAssert.Applied(await grain.ProgressAsync(new JobProgress("w1", 0, 6)), JobStatus.Processing);
        TransitionAssert.Unchanged(await grain.ProgressAsync(new JobProgress("w1", 0, 6)), JobStatus.Processing, "backwards");

        var job = (await grain.GetAsync())!;
        Assert.Equal((0, 6), (job.CurrentChunk, job.TotalChunks));
    }

    [Fact]
    public async Task Progress_BeyondTheTotal_IsRejected()
    {
        var grain = await ClaimedByAsync("w1");

        TransitionAssert.Unchanged(await grain.ProgressAsync(new JobProgress("w1", 5, 4)), JobStatus.Processing, "invalid progress");
    }

    [Fact]
    public async Task Progress_FromAnotherWorker_IsIgnored()
    {
        var grain = await ClaimedByAsync("w1");
        var before = (await grain.GetAsync())!;

        TransitionAssert.Unchanged(await grain.ProgressAsync(new JobProgress("w2", 1, 4)), JobStatus.Processing, "belongs to w1");

        await TransitionAssert.NothingChangedAsync(grain, before);
    }

    [Fact]
    public async Task Failed_FromAnotherWorker_IsIgnored()
    {
        var grain = await ClaimedByAsync("w1");
        var before = (await grain.GetAsync())!;

        TransitionAssert.Unchanged(await grain.FailedAsync(TestJobs.Permanent("w2")), JobStatus.Processing, "belongs to w1");
        TransitionAssert.Unchanged(await grain.FailedAsync(TestJobs.Transient("w2")), JobStatus.Processing, "belongs to w1");

        await TransitionAssert.NothingChangedAsync(grain, before);
    }

    [Fact]
    public async Task Requeued_ByAWorkerThatNoLongerOwnsTheJob_IsIgnored()
    {
        var grain = await ClaimedByAsync("w1");
        var before = (await grain.GetAsync())!;

        TransitionAssert.Unchanged(await grain.RequeuedAsync("w-old", "shutting down"), JobStatus.Processing, "belongs to w1");

        await TransitionAssert.NothingChangedAsync(grain, before);
    }

    [Fact]
    public async Task Requeued_Twice_SecondIsIgnored()
    {
        var grain = await ClaimedByAsync("w1");
        TransitionAssert.Applied(await grain.RequeuedAsync(null, "lease expired"), JobStatus.Pending);
        var before = (await grain.GetAsync())!;

        TransitionAssert.Unchanged(await grain.RequeuedAsync("w1", "shutting down"), JobStatus.Pending, "pending");

        await TransitionAssert.NothingChangedAsync(grain, before);
    }

    [Fact]
    public async Task Failed_TransientTwice_SecondIsIgnored()
    {
        // The worker's own call and the routed task:failed event for the same attempt.
        var grain = await ClaimedByAsync("w1");
        TransitionAssert.Applied(await grain.FailedAsync(TestJobs.Transient("w1")), JobStatus.Pending);
        var before = (await grain.GetAsync())!;

        TransitionAssert.Unchanged(await grain.FailedAsync(TestJobs.Transient("w1")), JobStatus.Pending, "already pending");

        await TransitionAssert.NothingChangedAsync(grain, before);
    }
}
