using StackExchange.Redis;
using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Grains.Abstractions.Redis;
using WhatsTheTab.Grains.Jobs;
using WhatsTheTab.TestSupport.Services;

namespace WhatsTheTab.Grains.Tests;

/// <summary>The Redis side of the job listing, on redis-server and on Garnet: bound, per-status and per-owner listings, keys.</summary>
public sealed class RedisJobIndexTests
{
    public static TheoryData<string> Servers() => ["redis", "garnet"];

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task BeyondTheBound_TheOldestJobsLeaveEveryListing(string server)
    {
        using var redis = await ConnectAsync(server);
        var keys = new RedisKeys($"index-test-{Guid.NewGuid():N}:");
        var index = new RedisJobIndex(redis, keys, maxEntries: 3);
        var jobs = Enumerable.Range(0, 5).Select(i => new JobListEntry(Guid.NewGuid(), i % 2 == 0 ? JobStatus.Completed : JobStatus.Pending, $"take-{i}.wav", TestJobs.T0.AddMinutes(i), "ana")).ToList();

        foreach (var job in jobs)
        {
            Assert.True(await index.RecordAsync(job, version: 1));
        }

        var all = await index.ListAsync(null, null, 0, 10);
        var anas = await index.ListAsync(null, "ana", 0, 10);
        var completed = await index.ListAsync(JobStatus.Completed, "ana", 0, 10);
        var counts = await index.CountsAsync();

        Assert.Equal(["take-4.wav", "take-3.wav", "take-2.wav"], all.Items.Select(e => e.FileName));
        Assert.Equal(3, all.Total);
        Assert.Equal(all.Items, anas.Items);
        Assert.Equal(["take-4.wav", "take-2.wav"], completed.Items.Select(e => e.FileName));
        Assert.Equal((2, 1), (counts[JobStatus.Completed], counts[JobStatus.Pending]));
        Assert.False(await redis.GetDatabase().KeyExistsAsync(keys.JobEntryPrefix + jobs[0].Id.ToString("N")));
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task StatusChanges_MoveAJobBetweenListings_AndOldVersionsAreIgnored(string server)
    {
        using var redis = await ConnectAsync(server);
        var index = new RedisJobIndex(redis, new RedisKeys($"index-test-{Guid.NewGuid():N}:"));
        var job = new JobListEntry(Guid.NewGuid(), JobStatus.Pending, "a.wav", TestJobs.T0, "owner:with:colons");

        Assert.True(await index.RecordAsync(job, 1));
        Assert.True(await index.RecordAsync(job with { Status = JobStatus.Processing }, 2));
        Assert.False(await index.RecordAsync(job with { Status = JobStatus.Pending }, 1));
        Assert.True(await index.RecordAsync(job with { Status = JobStatus.Completed }, 4));

        Assert.Empty((await index.ListAsync(JobStatus.Pending, null, 0, 10)).Items);
        Assert.Empty((await index.ListAsync(JobStatus.Processing, "owner:with:colons", 0, 10)).Items);
        Assert.Equal(job with { Status = JobStatus.Completed }, Assert.Single((await index.ListAsync(JobStatus.Completed, "owner:with:colons", 0, 10)).Items));
        Assert.Empty((await index.ListAsync(null, "owner", 0, 10)).Items);
        Assert.Equal(1, (await index.CountsAsync()).Values.Sum());
    }

    private static Task<ConnectionMultiplexer> ConnectAsync(string server) =>
        ConnectionMultiplexer.ConnectAsync(server == "redis" ? SharedTestServers.Redis.Endpoint : SharedTestServers.Garnet.Endpoint);
}
