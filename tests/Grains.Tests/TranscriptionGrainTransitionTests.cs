using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Grains.Tests;

[Collection(SharedCluster.Name)]
public sealed class TranscriptionGrainTransitionTests(ClusterFixture fixture)
{
    private ITranscriptionGrain NewJob() => fixture.Client.GetGrain<ITranscriptionGrain>(Guid.NewGuid());

    private async Task<ITranscriptionGrain> JobInAsync(JobStatus status)
    {
        var grain = NewJob();
        await grain.SubmitAsync(TestJobs.Submission());
        switch (status)
        {
            case JobStatus.Pending:
                break;
            case JobStatus.Processing:
                TransitionAssert.Applied(await grain.ClaimedAsync(TestJobs.Claim("w1")), JobStatus.Processing);
                break;
            case JobStatus.Completed:
                TransitionAssert.Applied(await grain.ClaimedAsync(TestJobs.Claim("w1")), JobStatus.Processing);
                TransitionAssert.Applied(await grain.CompletedAsync(TestJobs.Result("w1")), JobStatus.Completed);
                break;
            case JobStatus.Failed:
                TransitionAssert.Applied(await grain.ClaimedAsync(TestJobs.Claim("w1")), JobStatus.Processing);
                TransitionAssert.Applied(await grain.FailedAsync(TestJobs.Permanent("w1")), JobStatus.Failed);
                break;
            case JobStatus.Cancelled:
                TransitionAssert.Applied(await grain.CancelAsync(), JobStatus.Cancelled);
                break;
        }

        return grain;
    }

    [Fact]
    public async Task Submit_NewJob_IsPendingWithTheSubmittedFields()
    {
        var grain = NewJob();
        var submission = TestJobs.Submission(owner: "key-1", fileName: "solo.flac");

        var job = await grain.SubmitAsync(submission);

        Assert.Equal(grain.GetPrimaryKey(), job.Id);
        Assert.Equal(JobStatus.Pending, job.Status);
        Assert.Equal("solo.flac", job.FileName);
        Assert.Equal(submission.SizeBytes, job.SizeBytes);
        Assert.Equal(submission.DurationSeconds, job.DurationSeconds);
        Assert.Equal(submission.AudioKey, job.AudioKey);
        Assert.Equal("guitar-steel", job.Options.Instrument);
        Assert.Equal("key-1", job.Owner);
        Assert.Equal(submission.SubmittedAt, job.CreatedAt);
        Assert.Equal(0, job.Attempts);
        Assert.Empty(job.AttemptHistory);
        TransitionAssert.SameJob(job, await grain.GetAsync());
    }

    [Fact]
    public async Task HappyPath_SubmitClaimProgressComplete_EndsCompletedWithResultAndOneAttempt()
    {
        var grain = NewJob();
        var submitted = await grain.SubmitAsync(TestJobs.Submission());

        TransitionAssert.Applied(await grain.ClaimedAsync(TestJobs.Claim("gpu-a", attempt: 1)), JobStatus.Processing);
        var claimed = await grain.GetAsync();
        TransitionAssert.Applied(await grain.ProgressAsync(new JobProgress("gpu-a", 1, 4)), JobStatus.Processing);
        TransitionAssert.Applied(await grain.ProgressAsync(new JobProgress("gpu-a", 3, 4)), JobStatus.Processing);
        var progressed = await grain.GetAsync();
        var result = TestJobs.Result("gpu-a");
        TransitionAssert.Applied(await grain.CompletedAsync(result), JobStatus.Completed);
        var done = await grain.GetAsync();

        Assert.NotNull(claimed);
        Assert.Equal(JobStatus.Processing, claimed.Status);
        Assert.Equal("gpu-a", claimed.WorkerId);
        Assert.Equal(1, claimed.Attempts);
        Assert.NotNull(progressed);
        Assert.Equal((3, 4), (progressed.CurrentChunk, progressed.TotalChunks));
        Assert.NotNull(done);
        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Equal(result, done.Result);
        Assert.Equal(result.CompletedAt, done.CompletedAt);
        Assert.Equal((4, 4), (done.CurrentChunk, done.TotalChunks));
        Assert.Null(done.Error);
        var attempt = Assert.Single(done.AttemptHistory);
        Assert.Equal((1, "gpu-a", "completed"), (attempt.Number, attempt.WorkerId, attempt.Outcome));
        Assert.Equal(TestJobs.Claim("gpu-a").ClaimedAt, attempt.StartedAt);
        Assert.NotNull(attempt.EndedAt);
        Assert.True(submitted.Version < claimed.Version && claimed.Version < progressed.Version && progressed.Version < done.Version);
    }

    [Fact]
    public async Task UnknownJob_EveryCallIsRejected_AndNoJobIsCreated()
    {
        var grain = NewJob();

        var results = new[]
        {
            await grain.ClaimedAsync(TestJobs.Claim("w1")),
            await grain.ProgressAsync(new JobProgress("w1", 1, 2)),
            await grain.CompletedAsync(TestJobs.Result("w1")),
            await grain.FailedAsync(TestJobs.Permanent("w1")),
            await grain.FailedAsync(TestJobs.Transient("w1")),
            await grain.RequeuedAsync("w1", "lease expired"),
            await grain.CancelAsync(),
            await grain.RetryAsync(),
        };

        Assert.All(results, result => TransitionAssert.Unchanged(result, JobStatus.Pending, "unknown job"));
        Assert.Null(await grain.GetAsync());
        Assert.Equal(0, RecordingGrainStorage.WritesOf(grain.GetGrainId()));
    }

    [Fact]
    public async Task PendingJob_RejectsProgressRequeueRetryAndTransientFailure()
    {
        var grain = await JobInAsync(JobStatus.Pending);
        var before = (await grain.GetAsync())!;

        TransitionAssert.Unchanged(await grain.ProgressAsync(new JobProgress("w1", 1, 2)), JobStatus.Pending, "pending");
        TransitionAssert.Unchanged(await grain.RequeuedAsync(null, "lease expired"), JobStatus.Pending, "pending");
        TransitionAssert.Unchanged(await grain.RetryAsync(), JobStatus.Pending, "cannot retry");
        TransitionAssert.Unchanged(await grain.FailedAsync(TestJobs.Transient("w1")), JobStatus.Pending, "already pending");

        await TransitionAssert.NothingChangedAsync(grain, before);
    }

    [Fact]
    public async Task ProcessingJob_RejectsRetry()
    {
        var grain = await JobInAsync(JobStatus.Processing);
        var before = (await grain.GetAsync())!;

        TransitionAssert.Unchanged(await grain.RetryAsync(), JobStatus.Processing, "cannot retry");

        await TransitionAssert.NothingChangedAsync(grain, before);
    }

    [Fact]
    public async Task CompletedJob_RejectsEveryFurtherChange()
    {
        var grain = await JobInAsync(JobStatus.Completed);
        var before = (await grain.GetAsync())!;
        var writes = RecordingGrainStorage.WritesOf(grain.GetGrainId());

        TransitionAssert.Unchanged(await grain.ClaimedAsync(TestJobs.Claim("w2", attempt: 2, atMinute: 5)), JobStatus.Completed, "completed");
        TransitionAssert.Unchanged(await grain.ProgressAsync(new JobProgress("w1", 9, 9)), JobStatus.Completed, "completed");
        TransitionAssert.Unchanged(await grain.CompletedAsync(TestJobs.Result("w1")), JobStatus.Completed, "first result wins");
        TransitionAssert.Unchanged(await grain.FailedAsync(TestJobs.Permanent("w1")), JobStatus.Completed, "completed");
        TransitionAssert.Unchanged(await grain.FailedAsync(TestJobs.Transient(null)), JobStatus.Completed, "completed");
        TransitionAssert.Unchanged(await grain.RequeuedAsync(null, "lease expired"), JobStatus.Completed, "completed");
        TransitionAssert.Unchanged(await grain.CancelAsync(), JobStatus.Completed, "cannot cancel");
        TransitionAssert.Unchanged(await grain.RetryAsync(), JobStatus.Completed, "cannot retry");

        await TransitionAssert.NothingChangedAsync(grain, before);
        Assert.Equal(writes, RecordingGrainStorage.WritesOf(grain.GetGrainId()));
    }

    [Fact]
    public async Task FailedJob_RejectsEverythingButRetry()
    {
        var grain = await JobInAsync(JobStatus.Failed);
        var before = (await grain.GetAsync())!;

        TransitionAssert.Unchanged(await grain.ClaimedAsync(TestJobs.Claim("w2", attempt: 2, atMinute: 5)), JobStatus.Failed, "failed");
        TransitionAssert.Unchanged(await grain.ProgressAsync(new JobProgress("w1", 1, 9)), JobStatus.Failed, "failed");
        TransitionAssert.Unchanged(await grain.CompletedAsync(TestJobs.Result("w1")), JobStatus.Failed, "failed");
        TransitionAssert.Unchanged(await grain.FailedAsync(TestJobs.Permanent("w1")), JobStatus.Failed, "failed");
        TransitionAssert.Unchanged(await grain.RequeuedAsync("w1", "handed back"), JobStatus.Failed, "failed");
        TransitionAssert.Unchanged(await grain.CancelAsync(), JobStatus.Failed, "cannot cancel");

        await TransitionAssert.NothingChangedAsync(grain, before);
    }

    [Fact]
    public async Task CancelledJob_RejectsEverythingButRetry()
    {
        var grain = await JobInAsync(JobStatus.Cancelled);
        var before = (await grain.GetAsync())!;

        TransitionAssert.Unchanged(await grain.ClaimedAsync(TestJobs.Claim("w1")), JobStatus.Cancelled, "cancelled");
        TransitionAssert.Unchanged(await grain.ProgressAsync(new JobProgress("w1", 1, 9)), JobStatus.Cancelled, "cancelled");
        TransitionAssert.Unchanged(await grain.CompletedAsync(TestJobs.Result("w1")), JobStatus.Cancelled, "cancelled");
        TransitionAssert.Unchanged(await grain.FailedAsync(TestJobs.Permanent(null)), JobStatus.Cancelled, "cancelled");
        TransitionAssert.Unchanged(await grain.RequeuedAsync(null, "lease expired"), JobStatus.Cancelled, "cancelled");
        TransitionAssert.Unchanged(await grain.CancelAsync(), JobStatus.Cancelled, "already cancelled");

        await TransitionAssert.NothingChangedAsync(grain, before);
    }

    [Fact]
    public async Task Completed_WhilePendingWithoutAClaim_IsAccepted()
    {
        // A seed-contract worker may deliver its result without the grain ever hearing of its claim.
        var grain = await JobInAsync(JobStatus.Pending);

        TransitionAssert.Applied(await grain.CompletedAsync(TestJobs.Result("seed-worker")), JobStatus.Completed);

        var job = (await grain.GetAsync())!;
        Assert.Equal("seed-worker", job.WorkerId);
        Assert.NotNull(job.Result);
        Assert.Empty(job.AttemptHistory);
    }

    [Fact]
    public async Task PermanentFailure_WhilePending_FailsTheJob()
    {
        // The supervisor dead-letters a job that no worker is running (poison job, out of attempts).
        var grain = await JobInAsync(JobStatus.Pending);

        TransitionAssert.Applied(await grain.FailedAsync(TestJobs.Permanent(null, "gave up after 3 attempts")), JobStatus.Failed);

        var job = (await grain.GetAsync())!;
        Assert.Equal("gave up after 3 attempts", job.Error);
    }

    [Fact]
    public async Task Claimed_ByAnotherWorkerWhileProcessing_SupersedesTheCurrentAttempt()
    {
        // The grain missed a requeue: the queue handed the job to w2 after w1's lease ran out.
        var grain = await JobInAsync(JobStatus.Processing);

        TransitionAssert.Applied(await grain.ClaimedAsync(TestJobs.Claim("w2", attempt: 2, atMinute: 3)), JobStatus.Processing);

        var job = (await grain.GetAsync())!;
        Assert.Equal("w2", job.WorkerId);
        Assert.Equal(2, job.Attempts);
        Assert.Equal(2, job.AttemptHistory.Count);
        Assert.StartsWith("superseded", job.AttemptHistory[0].Outcome, StringComparison.Ordinal);
        Assert.Null(job.AttemptHistory[1].EndedAt);
        TransitionAssert.Unchanged(await grain.ProgressAsync(new JobProgress("w1", 1, 4)), JobStatus.Processing, "belongs to w2");
    }
}
