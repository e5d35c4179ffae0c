using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Grains.Tests;

[Collection(SharedCluster.Name)]
public sealed class TranscriptionGrainAudioKeyTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AudioKey_OfAJob_AndOfNoJob()
    {
        var grain = fixture.Client.GetGrain<ITranscriptionGrain>(Guid.NewGuid());
        Assert.Null(await grain.GetAudioKeyAsync());

        var job = await grain.SubmitAsync(TestJobs.Submission());

        Assert.False(string.IsNullOrEmpty(job.AudioKey));
        Assert.Equal(job.AudioKey, await grain.GetAudioKeyAsync());
    }

    [Fact]
    public async Task AudioKey_AnswersWhileAClaimIsBeingStored_AndTheSnapshotWaitsForIt()
    {
        // What a worker's audio download does right after it sends its claim: the key must not wait for the claim's
        // write, while a full read of the job still sees transitions one at a time.
        var grain = fixture.Client.GetGrain<ITranscriptionGrain>(Guid.NewGuid());
        var job = await grain.SubmitAsync(TestJobs.Submission());
        var hold = RecordingGrainStorage.HoldNextWriteOf(((GrainReference)grain).GrainId);
        var claim = grain.ClaimedAsync(TestJobs.Claim("w1"));
        await hold.Entered.WaitAsync(Patience);

        var key = await grain.GetAudioKeyAsync().WaitAsync(Patience);
        var snapshot = grain.GetAsync();
        await Task.Delay(200);

        Assert.Equal(job.AudioKey, key);
        Assert.False(snapshot.IsCompleted, "the snapshot answered in the middle of the claim's write");
        Assert.False(claim.IsCompleted);
        hold.Release();
        TransitionAssert.Applied(await claim.WaitAsync(Patience), JobStatus.Processing);
        Assert.Equal(JobStatus.Processing, (await snapshot.WaitAsync(Patience))!.Status);
    }
}
