using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Grains.Tests;

[Collection(SharedCluster.Name)]
public sealed class TranscriptionGrainObserverTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Subscriber_ReceivesEveryChangeInOrder()
    {
        var grain = fixture.Client.GetGrain<ITranscriptionGrain>(Guid.NewGuid());
        var recorder = new JobObserverRecorder();
        var observer = fixture.Client.CreateObjectReference<IJobObserver>(recorder);
        await grain.SubscribeAsync(observer);

        await grain.SubmitAsync(TestJobs.Submission());
        await grain.ClaimedAsync(TestJobs.Claim("w1"));
        await grain.ProgressAsync(new JobProgress("w1", 1, 3));
        await grain.ProgressAsync(new JobProgress("w1", 2, 3));
        await grain.CompletedAsync(TestJobs.Result("w1"));
        await recorder.WaitForAsync(change => change.Event == "completed");

        var changes = recorder.Changes;
        Assert.Equal(["submitted", "claimed", "progress", "progress", "completed"], changes.Select(c => c.Event));
        Assert.Equal([JobStatus.Pending, JobStatus.Processing, JobStatus.Processing, JobStatus.Processing, JobStatus.Completed], changes.Select(c => c.Job.Status));
        Assert.Equal([0, 0, 1, 2, 3], changes.Select(c => c.Job.CurrentChunk));
        Assert.All(changes, c => Assert.Equal(grain.GetPrimaryKey(), c.Job.Id));
        Assert.Equal(changes.Select(c => c.Job.Version).Order(), changes.Select(c => c.Job.Version));
        Assert.Equal(changes.Count, changes.Select(c => c.Job.Version).Distinct().Count());
        await grain.UnsubscribeAsync(observer);
        fixture.Client.DeleteObjectReference<IJobObserver>(observer);
    }

    [Fact]
    public async Task Subscriber_IsNotToldAboutRejectedCalls()
    {
        var grain = fixture.Client.GetGrain<ITranscriptionGrain>(Guid.NewGuid());
        await grain.SubmitAsync(TestJobs.Submission());
        await grain.ClaimedAsync(TestJobs.Claim("w1"));
        var recorder = new JobObserverRecorder();
        var observer = fixture.Client.CreateObjectReference<IJobObserver>(recorder);
        await grain.SubscribeAsync(observer);

        await grain.ClaimedAsync(TestJobs.Claim("w1"));
        await grain.ProgressAsync(new JobProgress("w-other", 1, 2));
        await grain.RetryAsync();
        await grain.FailedAsync(TestJobs.Transient("w1", "disk full"));
        await recorder.WaitForAsync(change => change.Event == "failed");

        var change = Assert.Single(recorder.Changes);
        Assert.Equal(JobStatus.Pending, change.Job.Status);
        Assert.Equal("disk full", change.Job.Error);
        await grain.UnsubscribeAsync(observer);
        fixture.Client.DeleteObjectReference<IJobObserver>(observer);
    }

    [Fact]
    public async Task Unsubscribed_ObserverGetsNothingMore()
    {
        var grain = fixture.Client.GetGrain<ITranscriptionGrain>(Guid.NewGuid());
        var staying = new JobObserverRecorder();
        var leaving = new JobObserverRecorder();
        var stayingRef = fixture.Client.CreateObjectReference<IJobObserver>(staying);
        var leavingRef = fixture.Client.CreateObjectReference<IJobObserver>(leaving);
        await grain.SubscribeAsync(stayingRef);
        await grain.SubscribeAsync(leavingRef);
        await grain.SubmitAsync(TestJobs.Submission());
        await leaving.WaitForAsync(change => change.Event == "submitted");

        await grain.UnsubscribeAsync(leavingRef);
        await grain.CancelAsync();
        await staying.WaitForAsync(change => change.Event == "cancelled");

        Assert.Equal(["submitted", "cancelled"], staying.Changes.Select(c => c.Event));
        Assert.Equal(["submitted"], leaving.Changes.Select(c => c.Event));
        await grain.UnsubscribeAsync(stayingRef);
        fixture.Client.DeleteObjectReference<IJobObserver>(stayingRef);
        fixture.Client.DeleteObjectReference<IJobObserver>(leavingRef);
    }
}
