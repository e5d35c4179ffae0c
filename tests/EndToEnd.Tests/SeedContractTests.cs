using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using StackExchange.Redis;
using WhatsTheTab.Grains.Abstractions.Internal;
using WhatsTheTab.TestSupport;
using WhatsTheTab.TestSupport.Services;

namespace WhatsTheTab.EndToEnd.Tests;

/// <summary>
/// Compatibility with workers written against the seed service: a worker that speaks only the seed's raw Redis
/// contract (LMOVE, ZADD, HSET, PUBLISH, RPUSH — no Orleans, no queue library) completes a job, and the web silo's
/// event router carries its claim and progress events into the job. Also: job state outlives a crashed web silo.
/// </summary>
public sealed class SeedContractTests(WebOnlyCluster fixture) : IClassFixture<WebOnlyCluster>
{
    private const string SeedWorker = "seed-style-worker";

    private LocalCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task RawRedisWorker_ClaimsReportsAndCompletes_AndTheWebSiloRoutesItsEvents()
    {
        using var http = Cluster.Http();
        var jobs = new JobsClient(http);
        var clip = TestClips.Ensure("c-major-scale");
        var id = await jobs.SubmitAsync(clip.WavPath);
        var db = Cluster.RedisClient.GetDatabase();
        var task = id.ToString("D");

        // Heartbeat as the seed's worker does (HSET worker:{id}, 30 s TTL), or the supervisor rightly takes the task back.
        await db.HashSetAsync($"worker:{SeedWorker}", [new("host", "seed-host"), new("current_task", task)]);
        await db.KeyExpireAsync($"worker:{SeedWorker}", TimeSpan.FromSeconds(30));

        // Claim exactly as a seed worker would: move from the left of the queue, stamp the lease, publish.
        var claimed = await WaitForClaimAsync(db, task);
        Assert.Equal(task, claimed);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await db.SortedSetAddAsync("task:processing:time", task, now + 30_000);
        await db.HashSetAsync($"task:{task}", [new("status", "processing"), new("worker", SeedWorker)]);
        await db.PublishAsync(RedisChannel.Literal("task:claimed"), Json(new { task_id = task, worker_id = SeedWorker, attempt = 1, claimed_at = now, lease_deadline = now + 30_000 }));
        await jobs.WaitUntilAsync(id, job => job.GetProperty("status").GetString() == "processing" && job.GetProperty("workerId").GetString() == SeedWorker, TimeSpan.FromSeconds(30), "claimed by the seed-style worker");

        await db.PublishAsync(RedisChannel.Literal($"task:progress:{task}"), Json(new { task_id = task, worker_id = SeedWorker, chunk = 1, total = 2, reported_at = now }));
        await jobs.WaitUntilAsync(id, job => job.GetProperty("currentChunk").GetInt32() == 1 && job.GetProperty("totalChunks").GetInt32() == 2, TimeSpan.FromSeconds(30), "at chunk 1 of 2");

        // Deliver the result through the internal endpoint, then finish the way the seed does.
        using (var result = await PutResultAsync(http, id, clip))
        {
            Assert.True(result.IsSuccessStatusCode, await result.Content.ReadAsStringAsync());
        }

        await db.ListRemoveAsync("task:processing", task);
        await db.SortedSetRemoveAsync("task:processing:time", task);
        await db.HashSetAsync($"task:{task}", "status", "completed");
        await db.ListRightPushAsync("task:results", task);
        await db.PublishAsync(RedisChannel.Literal("task:completed"), Json(new { task_id = task, worker_id = SeedWorker, attempt = 1, completed_at = now }));

        var done = await jobs.WaitUntilFinishedAsync(id, TimeSpan.FromMinutes(1));
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(await File.ReadAllBytesAsync(clip.MidiPath), await jobs.MidiAsync(id));
        await jobs.WaitUntilAsync(id, _ => db.ListLength("task:results") == 0, TimeSpan.FromSeconds(30), "drained from task:results by the router");
    }

    [Fact]
    public async Task JobState_SurvivesAWebSiloKilledAndRestarted()
    {
        using var http = Cluster.Http();
        var jobs = new JobsClient(http);
        var id = await jobs.SubmitAsync(TestClips.Ensure("block-chords").WavPath, new Dictionary<string, string> { ["tempo"] = "97" });
        var before = await jobs.GetAsync(id);

        Cluster.Web.Kill();
        Cluster.Web.Restart();
        await Cluster.Web.WaitUntilHttpReadyAsync(Cluster.WebAddress, "/readyz");

        var after = await jobs.GetAsync(id);
        Assert.Equal(before.GetProperty("status").GetString(), after.GetProperty("status").GetString());
        Assert.Equal(before.GetProperty("fileName").GetString(), after.GetProperty("fileName").GetString());
        Assert.True(after.GetProperty("version").GetInt64() >= before.GetProperty("version").GetInt64(), "the version never goes backwards");
        Assert.Equal(97, after.GetProperty("options").GetProperty("tempo").GetDouble());
    }

    private static async Task<string?> WaitForClaimAsync(IDatabase db, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            // Other tests' jobs may sit in front: put those back at the right end, keep ours.
            var id = (string?)await db.ListMoveAsync("task:queue", "task:processing", ListSide.Left, ListSide.Right);
            if (id == expected)
            {
                return id;
            }

            if (id is not null)
            {
                await db.ListRemoveAsync("task:processing", id);
                await db.ListRightPushAsync("task:queue", id);
            }

            await Task.Delay(100);
        }

        return null;
    }

    private static async Task<HttpResponseMessage> PutResultAsync(HttpClient http, Guid id, TestClip clip)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, InternalApi.ResultPath(id));
        request.Headers.Add(InternalApi.TokenHeader, LocalCluster.WorkerToken);
        request.Headers.Add(InternalApi.WorkerHeader, SeedWorker);
        var form = new MultipartFormDataContent();
        var midi = new ByteArrayContent(await File.ReadAllBytesAsync(clip.MidiPath));
        midi.Headers.ContentType = new MediaTypeHeaderValue("audio/midi");
        form.Add(midi, "midi", "result.mid");
        var notesJson = Json(new
        {
            version = 1,
            sampleRate = 22050,
            notes = clip.Truth.Select(n => new { start = n.Start, end = n.End, pitch = n.Pitch, velocity = n.Velocity, amplitude = n.Velocity / 127.0, pitchBends = (int[]?)null }),
        });
        var notes = new StringContent(notesJson, Encoding.UTF8, "application/json");
        form.Add(notes, "notes", "notes.json");
        var summary = Json(new
        {
            noteCount = clip.Truth.Count,
            lowestPitch = clip.Truth.Min(n => n.Pitch),
            highestPitch = clip.Truth.Max(n => n.Pitch),
            audioSeconds = clip.TruthEndSeconds,
            processingSeconds = 0.5,
        });
        form.Add(new StringContent(summary, Encoding.UTF8, "application/json"), "summary");
        request.Content = form;
        return await http.SendAsync(request);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
