using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Grains.Jobs;

namespace WhatsTheTab.Grains.Tests;

[Collection(SharedCluster.Name)]
public sealed class JobCatalogGrainTests(ClusterFixture fixture)
{
    private IJobCatalogGrain Catalog => fixture.Client.GetGrain<IJobCatalogGrain>(0);

    private static string NewOwner() => $"owner-{Guid.NewGuid():N}";

    private async Task<ITranscriptionGrain> SubmitAsync(string owner, int minute)
    {
        var grain = fixture.Client.GetGrain<ITranscriptionGrain>(Guid.NewGuid());
        await grain.SubmitAsync(TestJobs.Submission(owner: owner, submittedAt: TestJobs.T0.AddMinutes(minute), fileName: $"take-{minute}.wav"));
        return grain;
    }

    [Fact]
    public async Task List_ShowsASubmittedJobAndFollowsItsStatus()
    {
        var owner = NewOwner();
        var grain = await SubmitAsync(owner, 1);

        var pending = Assert.Single((await Catalog.ListAsync(null, owner, 0, 10)).Items);
        await grain.ClaimedAsync(TestJobs.Claim("w1"));
        await grain.CompletedAsync(TestJobs.Result("w1"));
        var completed = Assert.Single((await Catalog.ListAsync(null, owner, 0, 10)).Items);

        Assert.Equal(new JobListEntry(grain.GetPrimaryKey(), JobStatus.Pending, "take-1.wav", TestJobs.T0.AddMinutes(1), owner), pending);
        Assert.Equal(pending with { Status = JobStatus.Completed }, completed);
    }

    [Fact]
    public async Task List_IsNewestFirstAndPaged()
    {
        var owner = NewOwner();
        var jobs = new List<Guid>();
        foreach (var minute in new[] { 3, 1, 5, 2, 4 })
        {
            jobs.Add((await SubmitAsync(owner, minute)).GetPrimaryKey());
        }

        var first = await Catalog.ListAsync(null, owner, 0, 2);
        var second = await Catalog.ListAsync(null, owner, 2, 2);
        var last = await Catalog.ListAsync(null, owner, 4, 2);
        var beyond = await Catalog.ListAsync(null, owner, 10, 2);

        Assert.Equal(["take-5.wav", "take-4.wav"], first.Items.Select(e => e.FileName));
        Assert.Equal(["take-3.wav", "take-2.wav"], second.Items.Select(e => e.FileName));
        Assert.Equal(["take-1.wav"], last.Items.Select(e => e.FileName));
        Assert.Empty(beyond.Items);
        Assert.All([first, second, last, beyond], page => Assert.Equal(5, page.Total));
        Assert.Equal((2, 2), (second.Offset, second.Limit));
    }

    [Fact]
    public async Task List_FiltersByStatusAndOwner()
    {
        var owner = NewOwner();
        var other = NewOwner();
        var cancelled = await SubmitAsync(owner, 1);
        await cancelled.CancelAsync();
        await SubmitAsync(owner, 2);
        await SubmitAsync(other, 3);

        var ownersPending = await Catalog.ListAsync(JobStatus.Pending, owner, 0, 10);
        var ownersCancelled = await Catalog.ListAsync(JobStatus.Cancelled, owner, 0, 10);
        var othersAll = await Catalog.ListAsync(null, other, 0, 10);
        var everyone = await Catalog.ListAsync(null, null, 0, 200);

        Assert.Equal(["take-2.wav"], ownersPending.Items.Select(e => e.FileName));
        Assert.Equal([cancelled.GetPrimaryKey()], ownersCancelled.Items.Select(e => e.Id));
        Assert.Equal(["take-3.wav"], othersAll.Items.Select(e => e.FileName));
        Assert.Contains(everyone.Items, e => e.Owner == owner);
        Assert.Contains(everyone.Items, e => e.Owner == other);
    }

    [Fact]
    public async Task List_ClampsOffsetAndLimit()
    {
        var owner = NewOwner();
        await SubmitAsync(owner, 1);
        await SubmitAsync(owner, 2);

        var huge = await Catalog.ListAsync(null, owner, -5, 100_000);
        var zero = await Catalog.ListAsync(null, owner, 0, 0);

        Assert.Equal((0, JobCatalogGrain.MaxPageSize, 2), (huge.Offset, huge.Limit, huge.Items.Count));
        Assert.Equal((1, 1, 2), (zero.Limit, zero.Items.Count, zero.Total));
    }

    [Fact]
    public async Task Record_OlderVersionNeverOverwritesANewerOne()
    {
        var id = Guid.NewGuid();
        var owner = NewOwner();
        var entry = new JobListEntry(id, JobStatus.Completed, "late.wav", TestJobs.T0, owner);

        await Catalog.RecordAsync(entry, version: 5);
        await Catalog.RecordAsync(entry with { Status = JobStatus.Processing }, version: 3);
        await Catalog.RecordAsync(entry with { Status = JobStatus.Pending }, version: 5);

        Assert.Equal(JobStatus.Completed, Assert.Single((await Catalog.ListAsync(null, owner, 0, 10)).Items).Status);
    }

    [Fact]
    public async Task Counts_FollowTransitions()
    {
        var before = await Catalog.CountsAsync();
        var grain = await SubmitAsync(NewOwner(), 1);
        var afterSubmit = await Catalog.CountsAsync();
        await grain.ClaimedAsync(TestJobs.Claim("w1"));
        await grain.FailedAsync(TestJobs.Permanent("w1"));
        var afterFailure = await Catalog.CountsAsync();

        Assert.Equal(Enum.GetValues<JobStatus>().Length, before.Count);
        Assert.Equal(before[JobStatus.Pending] + 1, afterSubmit[JobStatus.Pending]);
        Assert.Equal(before[JobStatus.Pending], afterFailure[JobStatus.Pending]);
        Assert.Equal(before[JobStatus.Failed] + 1, afterFailure[JobStatus.Failed]);
        Assert.Equal(before[JobStatus.Processing], afterFailure[JobStatus.Processing]);
    }

    [Fact]
    public async Task ReserveIdempotencyKey_FirstReserves_RepeatReturnsTheFirstJobAndFingerprint()
    {
        var owner = NewOwner();
        var firstJob = Guid.NewGuid();

        var first = await Catalog.ReserveIdempotencyKeyAsync(owner, "upload-1", "sha256:aaa", firstJob);
        var repeat = await Catalog.ReserveIdempotencyKeyAsync(owner, "upload-1", "sha256:bbb", Guid.NewGuid());

        Assert.Null(first);
        Assert.Equal(new IdempotencyReservation(firstJob, "sha256:aaa"), repeat);
    }

    [Fact]
    public async Task ReserveIdempotencyKey_IsPerOwner()
    {
        var key = $"key-{Guid.NewGuid():N}";

        Assert.Null(await Catalog.ReserveIdempotencyKeyAsync(NewOwner(), key, "f", Guid.NewGuid()));
        Assert.Null(await Catalog.ReserveIdempotencyKeyAsync(NewOwner(), key, "f", Guid.NewGuid()));
        Assert.Null(await Catalog.ReserveIdempotencyKeyAsync(null, key, "f", Guid.NewGuid()));
        Assert.NotNull(await Catalog.ReserveIdempotencyKeyAsync(null, key, "f", Guid.NewGuid()));
    }

    [Fact]
    public async Task ReserveIdempotencyKey_ExpiresAfter24Hours()
    {
        var owner = NewOwner();
        Assert.Null(await Catalog.ReserveIdempotencyKeyAsync(owner, "k", "f1", Guid.NewGuid()));
        ClusterFixture.Clock.Advance(TimeSpan.FromHours(23));
        Assert.NotNull(await Catalog.ReserveIdempotencyKeyAsync(owner, "k", "f2", Guid.NewGuid()));

        ClusterFixture.Clock.Advance(TimeSpan.FromHours(1));
        var afterExpiry = Guid.NewGuid();

        Assert.Null(await Catalog.ReserveIdempotencyKeyAsync(owner, "k", "f3", afterExpiry));
        Assert.Equal(new IdempotencyReservation(afterExpiry, "f3"), await Catalog.ReserveIdempotencyKeyAsync(owner, "k", "f4", Guid.NewGuid()));
    }

    [Fact]
    public async Task ReserveIdempotencyKey_SurvivesDeactivation()
    {
        var owner = NewOwner();
        var job = Guid.NewGuid();
        await Catalog.ReserveIdempotencyKeyAsync(owner, "k", "f", job);

        await fixture.Cluster.DeactivateAsync(Catalog);

        Assert.Equal(new IdempotencyReservation(job, "f"), await Catalog.ReserveIdempotencyKeyAsync(owner, "k", "f", Guid.NewGuid()));
    }
}
