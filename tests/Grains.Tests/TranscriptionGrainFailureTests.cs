using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Grains.Tests;

[Collection(SharedCluster.Name)]
public sealed class TranscriptionGrainFailureTests(ClusterFixture fixture)
{
    private async Task<ITranscriptionGrain> ClaimedByAsync(string workerId)
    {
        var grain = fixture.Client.GetGrain<ITranscriptionGrain>(Guid.NewGuid());
        await grain.SubmitAsync(TestJobs.Submission());
        TransitionAssert.Applied(await grain.ClaimedAsync(TestJobs.Claim(workerId)), JobStatus.Processing);
        return grain;
    }

    [Fact]
    public async Task Failed_Transient_ReturnsToPendingAndClosesTheAttemptWithTheReason()
    {
        var grain = await ClaimedByAsync("w1");
        TransitionAssert.Applied(await grain.ProgressAsync(new JobProgress("w1", 2, 5)), JobStatus.Processing);

        TransitionAssert.Applied(await grain.FailedAsync(TestJobs.Transient("w1", "CUDA out of memory")), JobStatus.Pending);

        var job = (await grain.GetAsync())!;
        Assert.Equal(JobStatus.Pending, job.Status);
        Assert.Null(job.WorkerId);
        Assert.Equal((0, 0), (job.CurrentChunk, job.TotalChunks));
        Assert.Equal("CUDA out of memory", job.Error);
        var attempt = Assert.Single(job.AttemptHistory);
        Assert.NotNull(attempt.EndedAt);
        Assert.Contains("CUDA out of memory", attempt.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_TransientThenClaimedAgain_KeepsBothAttemptsInTheHistory()
    {
        var grain = await ClaimedByAsync("w1");
        TransitionAssert.Applied(await grain.FailedAsync(TestJobs.Transient("w1")), JobStatus.Pending);

        TransitionAssert.Applied(await grain.ClaimedAsync(TestJobs.Claim("w2", attempt: 2, atMinute: 4)), JobStatus.Processing);
        TransitionAssert.Applied(await grain.CompletedAsync(TestJobs.Result("w2")), JobStatus.Completed);

        var job = (await grain.GetAsync())!;
        Assert.Equal(2, job.Attempts);
        Assert.Null(job.Error);
        Assert.Equal([(1, "w1"), (2, "w2")], job.AttemptHistory.Select(a => (a.Number, a.WorkerId)));
        Assert.StartsWith("failed (will retry)", job.AttemptHistory[0].Outcome, StringComparison.Ordinal);
        Assert.Equal("completed", job.AttemptHistory[1].Outcome);
    }

    [Fact]
    public async Task Failed_Permanent_FailsTheJobWithTheReason()
    {
        var grain = await ClaimedByAsync("w1");

        TransitionAssert.Applied(await grain.FailedAsync(TestJobs.Permanent("w1", "not an audio file")), JobStatus.Failed);

        var job = (await grain.GetAsync())!;
        Assert.Equal("not an audio file", job.Error);
        Assert.Equal("failed: not an audio file", Assert.Single(job.AttemptHistory).Outcome);
    }

    [Fact]
    public async Task Failed_FromTheSupervisorWithoutAWorker_FailsAProcessingJob()
    {
        var grain = await ClaimedByAsync("w1");

        TransitionAssert.Applied(await grain.FailedAsync(TestJobs.Permanent(null, "poison: killed 3 workers")), JobStatus.Failed);
    }

    [Fact]
    public async Task Requeued_ByTheOwner_ReturnsToPendingAndClosesTheAttempt()
    {
        var grain = await ClaimedByAsync("w1");

        TransitionAssert.Applied(await grain.RequeuedAsync("w1", "shutting down"), JobStatus.Pending);

        var job = (await grain.GetAsync())!;
        Assert.Null(job.WorkerId);
        Assert.Null(job.Error);
        Assert.Equal("requeued: shutting down", Assert.Single(job.AttemptHistory).Outcome);
    }

    [Fact]
    public async Task Requeued_ByTheSupervisorWithoutAWorker_ReturnsToPending()
    {
        var grain = await ClaimedByAsync("w1");

        TransitionAssert.Applied(await grain.RequeuedAsync(null, "lease expired"), JobStatus.Pending);
    }

    [Fact]
    public async Task Retry_FailedJob_IsPendingWithAttemptsResetAndErrorCleared()
    {
        var grain = await ClaimedByAsync("w1");
        TransitionAssert.Applied(await grain.FailedAsync(TestJobs.Permanent("w1")), JobStatus.Failed);

        TransitionAssert.Applied(await grain.RetryAsync(), JobStatus.Pending);

        var job = (await grain.GetAsync())!;
        Assert.Equal(JobStatus.Pending, job.Status);
        Assert.Equal(0, job.Attempts);
        Assert.Null(job.Error);
        Assert.Null(job.WorkerId);
        Assert.Single(job.AttemptHistory);
    }

    [Fact]
    public async Task Retry_FailedJob_CanRunAndCompleteAgainFromAttemptOne()
    {
        var grain = await ClaimedByAsync("w1");
        TransitionAssert.Applied(await grain.FailedAsync(TestJobs.Permanent("w1")), JobStatus.Failed);
        TransitionAssert.Applied(await grain.RetryAsync(), JobStatus.Pending);

        // The queue resets its attempt count on retry, so the next claim is attempt 1 again.
        TransitionAssert.Applied(await grain.ClaimedAsync(TestJobs.Claim("w1", attempt: 1, atMinute: 20)), JobStatus.Processing);
        TransitionAssert.Applied(await grain.CompletedAsync(TestJobs.Result("w1")), JobStatus.Completed);

        var job = (await grain.GetAsync())!;
        Assert.Equal(1, job.Attempts);
        Assert.Equal(2, job.AttemptHistory.Count);
    }

    [Fact]
    public async Task Retry_CancelledJob_IsPending()
    {
        var grain = fixture.Client.GetGrain<ITranscriptionGrain>(Guid.NewGuid());
        await grain.SubmitAsync(TestJobs.Submission());
        TransitionAssert.Applied(await grain.CancelAsync(), JobStatus.Cancelled);

        TransitionAssert.Applied(await grain.RetryAsync(), JobStatus.Pending);
        TransitionAssert.Unchanged(await grain.RetryAsync(), JobStatus.Pending, "cannot retry");
    }

    [Fact]
    public async Task Cancel_PendingJob_IsCancelled()
    {
        var grain = fixture.Client.GetGrain<ITranscriptionGrain>(Guid.NewGuid());
        await grain.SubmitAsync(TestJobs.Submission());

        TransitionAssert.Applied(await grain.CancelAsync(), JobStatus.Cancelled);
        TransitionAssert.Unchanged(await grain.CancelAsync(), JobStatus.Cancelled, "already cancelled");
    }

    [Fact]
    public async Task Cancel_ProcessingJob_ClosesTheAttemptAndStopsTheWorkersReports()
    {
        var grain = await ClaimedByAsync("w1");

        TransitionAssert.Applied(await grain.CancelAsync(), JobStatus.Cancelled);

        Assert.Equal("cancelled", Assert.Single((await grain.GetAsync())!.AttemptHistory).Outcome);
        TransitionAssert.Unchanged(await grain.ProgressAsync(new JobProgress("w1", 1, 3)), JobStatus.Cancelled, "cancelled");
        TransitionAssert.Unchanged(await grain.CompletedAsync(TestJobs.Result("w1")), JobStatus.Cancelled, "cancelled");
    }
}
