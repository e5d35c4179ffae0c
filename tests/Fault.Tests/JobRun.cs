using System.Text.Json;
using StackExchange.Redis;
using WhatsTheTab.Grains.Abstractions.Redis;
using WhatsTheTab.TestSupport;
using WhatsTheTab.TestSupport.Services;
using Xunit.Abstractions;

namespace WhatsTheTab.Fault.Tests;

/// <summary>
/// The jobs one scenario submitted (rendered clips with known notes) and the check every scenario ends with: each job
/// completed exactly once, agreed by the grain and the queue, with a MIDI whose onsets match what was played.
/// </summary>
internal sealed class JobRun(LocalCluster cluster, JobsClient client, ITestOutputHelper output)
{
    private readonly List<(Guid Id, TestClip Clip)> _jobs = [];

    public IReadOnlyList<(Guid Id, TestClip Clip)> Jobs => _jobs;

    /// <summary>
    /// Submits <paramref name="count"/> jobs, cycling through the test clips, each clip played <paramref name="loops"/>
    /// times in a row (longer jobs, so there is time to break something while they run).
    /// </summary>
    public async Task SubmitAsync(int count, int loops = 1)
    {
        var clips = TestClips.All.Select(c => LoopedClip.Of(c, loops)).ToList();
        for (var i = 0; i < count; i++)
        {
            var clip = clips[i % clips.Count];
            _jobs.Add((await client.SubmitAsync(clip.WavPath), clip));
        }
    }

    /// <summary>Submits <paramref name="count"/> one-loop jobs all at once (concurrent uploads), cycling through the test clips.</summary>
    public async Task SubmitConcurrentlyAsync(int count)
    {
        var clips = Enumerable.Range(0, count).Select(i => TestClips.All[i % TestClips.All.Count]).ToList();
        var ids = await Task.WhenAll(clips.Select(clip => client.SubmitAsync(clip.WavPath)));
        _jobs.AddRange(ids.Zip(clips));
    }

    /// <summary>True when every job is completed, failed or cancelled.</summary>
    public async Task<bool> AllFinishedAsync()
    {
        foreach (var (id, _) in _jobs)
        {
            if (await client.TryGetAsync(id) is not { } job || job.GetProperty("status").GetString() is not ("completed" or "failed" or "cancelled"))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Every job that is processing right now (id and worker); with <paramref name="earlyOnly"/>, only those in the
    /// first half of their chunks, so a kill aimed at one lands before its worker can finish it.
    /// </summary>
    public async Task<List<(Guid Id, string Worker, int Attempts)>> ProcessingAsync(bool earlyOnly = false)
    {
        var processing = new List<(Guid, string, int)>();
        foreach (var (id, _) in _jobs)
        {
            if (await client.TryGetAsync(id) is { } job
                && job.GetProperty("status").GetString() == "processing"
                && job.GetProperty("workerId").GetString() is { } worker
                && (!earlyOnly || job.GetProperty("currentChunk").GetInt32() * 2 < job.GetProperty("totalChunks").GetInt32()))
            {
                processing.Add((id, worker, job.GetProperty("attempts").GetInt32()));
            }
        }

        return processing;
    }

    /// <summary>Waits for every job, then asserts each completed exactly once with a correct MIDI; prints the counts.</summary>
    public async Task<IReadOnlyList<JsonElement>> AssertEveryJobCompletedExactlyOnceAsync(TimeSpan timeout)
    {
        var finished = new List<JsonElement>();
        foreach (var (id, _) in _jobs)
        {
            finished.Add(await client.WaitUntilFinishedAsync(id, timeout));
        }

        var db = cluster.RedisClient.GetDatabase();
        var completed = 0;
        var requeues = 0;
        var claims = 0;
        var byWorker = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _jobs.Count; i++)
        {
            var (id, clip) = _jobs[i];
            var job = finished[i];
            Assert.True(job.GetProperty("status").GetString() == "completed", $"{clip.Name} job {id}: {job}");
            completed++;

            var outcomes = job.GetProperty("attemptHistory").EnumerateArray().Select(a => a.GetProperty("outcome").GetString() ?? "(open)").ToList();
            claims += outcomes.Count;
            Assert.True(outcomes.Count(o => o == "completed") == 1, $"job {id} attempts: {string.Join(", ", outcomes)}");
            Assert.True(outcomes[^1] == "completed", $"job {id} attempts: {string.Join(", ", outcomes)}");
            Assert.All(outcomes.SkipLast(1), o => Assert.True(IsRetried(o), $"job {id}: attempt outcome '{o}' does not lead to a retry"));
            requeues += outcomes.Count - 1;
            var worker = job.GetProperty("workerId").GetString()!;
            byWorker[worker] = byWorker.GetValueOrDefault(worker) + 1;

            // the queue agrees: completed, no longer queued or leased (the worker acks after the grain has the result)
            var taskId = id.ToString("D");
            var queueStatus = await Eventually.ReadAsync(
                async () => (string?)await db.HashGetAsync(RedisKeys.Seed.Task(taskId), TaskHashFields.Status),
                status => status == "completed",
                TimeSpan.FromSeconds(30));
            Assert.Equal("completed", queueStatus);
            Assert.False(await IsListedAsync(db, RedisKeys.Seed.Queue, taskId), $"job {id} is still in the queue");
            Assert.False(await IsListedAsync(db, RedisKeys.Seed.Processing, taskId), $"job {id} is still in processing");

            var midi = await client.MidiAsync(id);
            var score = OnsetScorer.Score(clip.Truth, MidiNotes.Onsets(midi));
            Assert.True(score.F1 >= 0.75, $"{clip.Name} job {id}: onset F1 {score.F1:F3}");
        }

        output.WriteLine(
            $"submitted {_jobs.Count}, completed {completed} (exactly once each, every MIDI onset F1 >= 0.75), failed 0, lost 0, " +
            $"claims {claims}, requeues {requeues}, completed by worker: {string.Join(", ", byWorker.Select(w => $"{w.Key}={w.Value}"))}");
        return finished;
    }

    /// <summary>
    /// An attempt that ended without finishing the job and sent it back to the queue: requeued (supervisor, hand-back),
    /// superseded (claimed again before the requeue reached the grain) or a transient failure (the recovery's
    /// <c>task:failed</c> event, routed before the supervisor's requeue).
    /// </summary>
    public static bool IsRetried(string outcome) =>
        outcome.StartsWith("requeued", StringComparison.Ordinal)
        || outcome.StartsWith("superseded", StringComparison.Ordinal)
        || outcome.StartsWith("failed (will retry)", StringComparison.Ordinal);

    private static async Task<bool> IsListedAsync(IDatabase db, string list, string taskId) =>
        (await db.ListRangeAsync(list)).Any(v => (string?)v == taskId);
}
