using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Grains.Tests;

[Collection(SharedCluster.Name)]
public sealed class TranscriptionGrainPersistenceTests(ClusterFixture fixture)
{
    [Fact]
    public async Task CompletedJob_SurvivesDeactivation()
    {
        var grain = fixture.Client.GetGrain<ITranscriptionGrain>(Guid.NewGuid());
        await grain.SubmitAsync(TestJobs.Submission(owner: "key-9"));
        await grain.ClaimedAsync(TestJobs.Claim("w1"));
        await grain.FailedAsync(TestJobs.Transient("w1"));
        await grain.ClaimedAsync(TestJobs.Claim("w2", attempt: 2, atMinute: 2));
        await grain.CompletedAsync(TestJobs.Result("w2"));
        var before = (await grain.GetAsync())!;
        var reads = RecordingGrainStorage.ReadsOf(grain.GetGrainId());

        await fixture.Cluster.DeactivateAsync(grain);
        var after = await grain.GetAsync();

        Assert.True(RecordingGrainStorage.ReadsOf(grain.GetGrainId()) > reads, "a new activation read the stored state");
        Assert.NotNull(after);
        TransitionAssert.SameJob(before with { Version = after.Version }, after);
        Assert.True(after.Version > before.Version, "versions keep increasing across activations");
    }

    [Fact]
    public async Task UnsavedProgress_IsWrittenOnDeactivation()
    {
        var grain = fixture.Client.GetGrain<ITranscriptionGrain>(Guid.NewGuid());
        await grain.SubmitAsync(TestJobs.Submission());
        await grain.ClaimedAsync(TestJobs.Claim("w1"));
        await grain.ProgressAsync(new JobProgress("w1", 1, 10));
        await grain.ProgressAsync(new JobProgress("w1", 2, 10));
        var before = (await grain.GetAsync())!;

        await fixture.Cluster.DeactivateAsync(grain);
        var after = (await grain.GetAsync())!;

        Assert.Equal((2, 10), (after.CurrentChunk, after.TotalChunks));
        Assert.Equal(JobStatus.Processing, after.Status);
        Assert.Equal("w1", after.WorkerId);
        Assert.True(after.Version > before.Version);
        TransitionAssert.Applied(await grain.ProgressAsync(new JobProgress("w1", 3, 10)), JobStatus.Processing);
        TransitionAssert.Unchanged(await grain.ProgressAsync(new JobProgress("w1", 2, 10)), JobStatus.Processing, "backwards");
    }

    [Fact]
    public async Task ProgressBurst_IsNotWrittenForEveryChunk()
    {
        var grain = fixture.Client.GetGrain<ITranscriptionGrain>(Guid.NewGuid());
        await grain.SubmitAsync(TestJobs.Submission());
        await grain.ClaimedAsync(TestJobs.Claim("w1"));
        var writes = RecordingGrainStorage.WritesOf(grain.GetGrainId());
        const int Chunks = 30;

        for (var chunk = 1; chunk <= Chunks; chunk++)
        {
            TransitionAssert.Applied(await grain.ProgressAsync(new JobProgress("w1", chunk, Chunks)), JobStatus.Processing);
        }

        // At most one write per 2 s of progress: fewer writes than chunks unless the burst took about a minute.
        Assert.True(
            RecordingGrainStorage.WritesOf(grain.GetGrainId()) - writes < Chunks,
            $"{RecordingGrainStorage.WritesOf(grain.GetGrainId()) - writes} writes for {Chunks} progress reports");
        Assert.Equal(Chunks, (await grain.GetAsync())!.CurrentChunk);
    }

    [Fact]
    public async Task UnsavedProgress_IsWrittenByTheFlushTimerWithoutFurtherCalls()
    {
        var grain = fixture.Client.GetGrain<ITranscriptionGrain>(Guid.NewGuid());
        await grain.SubmitAsync(TestJobs.Submission());
        await grain.ClaimedAsync(TestJobs.Claim("w1"));

        await grain.ProgressAsync(new JobProgress("w1", 1, 3));
        await grain.ProgressAsync(new JobProgress("w1", 2, 3));

        // Written at once or by the timer at most 2 s later; wait for it (the limit only guards a hang).
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (RecordingGrainStorage.StoredChunkOf(grain.GetGrainId()) != 2 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(2, RecordingGrainStorage.StoredChunkOf(grain.GetGrainId()));
    }

    [Fact]
    public async Task RejectedCalls_WriteNothing()
    {
        var grain = fixture.Client.GetGrain<ITranscriptionGrain>(Guid.NewGuid());
        await grain.SubmitAsync(TestJobs.Submission());
        await grain.ClaimedAsync(TestJobs.Claim("w1"));
        var writes = RecordingGrainStorage.WritesOf(grain.GetGrainId());

        await grain.SubmitAsync(TestJobs.Submission());
        await grain.ClaimedAsync(TestJobs.Claim("w1"));
        await grain.CompletedAsync(TestJobs.Result("w-other"));
        await grain.RequeuedAsync("w-other", "late");
        await grain.RetryAsync();

        Assert.Equal(writes, RecordingGrainStorage.WritesOf(grain.GetGrainId()));
    }

    [Fact]
    public async Task Catalog_SurvivesDeactivation()
    {
        var owner = $"owner-{Guid.NewGuid():N}";
        var grain = fixture.Client.GetGrain<ITranscriptionGrain>(Guid.NewGuid());
        await grain.SubmitAsync(TestJobs.Submission(owner: owner));
        await grain.CancelAsync();
        var catalog = fixture.Client.GetGrain<IJobCatalogGrain>(0);

        await fixture.Cluster.DeactivateAsync(catalog);
        var page = await catalog.ListAsync(null, owner, 0, 10);

        var entry = Assert.Single(page.Items);
        Assert.Equal((grain.GetPrimaryKey(), JobStatus.Cancelled), (entry.Id, entry.Status));
    }
}
