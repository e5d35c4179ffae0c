using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using WhatsTheTab.Grains.Abstractions.Internal;
using WhatsTheTab.TestSupport;
using WhatsTheTab.TestSupport.Services;
using Xunit.Abstractions;

namespace WhatsTheTab.Fault.Tests;

/// <summary>
/// A worker whose lease was taken over delivers its result anyway (played here with raw HTTP to the internal result
/// endpoint, under a worker id that does not own the job): while the job runs elsewhere and after it completed, the
/// late result changes nothing.
/// </summary>
public sealed class LateResultTests(ITestOutputHelper output)
{
    private const string LateWorker = "gpu-late";

    [Fact]
    public async Task ResultFromWorkerThatLostTheLease_ChangesNothing()
    {
        await using var cluster = await FaultCluster.StartAsync(gpuSilos: 1);
        using var http = cluster.Http();
        var client = new JobsClient(http);
        var run = new JobRun(cluster, client, output);
        await run.SubmitAsync(1, loops: 3);
        var (id, clip) = run.Jobs[0];
        var other = TestClips.All.First(c => !clip.Name.StartsWith(c.Name, StringComparison.Ordinal)); // its notes are the "wrong" result

        // while the real worker holds the job
        await client.WaitUntilAsync(id, j => j.GetProperty("status").GetString() == "processing", TimeSpan.FromMinutes(2), "processing");
        var during = await DeliverLateAsync(http, id, other);
        output.WriteLine($"late result while processing: {during}");
        Assert.False(during.GetProperty("applied").GetBoolean());

        var finished = await run.AssertEveryJobCompletedExactlyOnceAsync(TimeSpan.FromMinutes(3));
        Assert.Equal("gpu-1", finished[0].GetProperty("workerId").GetString());
        var midi = await client.MidiAsync(id);
        var notesBefore = await http.GetByteArrayAsync($"/api/jobs/{id:D}/notes");

        // after it completed
        var after = await DeliverLateAsync(http, id, other);
        output.WriteLine($"late result after completion: {after}");
        Assert.False(after.GetProperty("applied").GetBoolean());
        Assert.Equal("completed", after.GetProperty("status").GetString());

        var job = await client.WaitUntilFinishedAsync(id, TimeSpan.FromSeconds(30));
        Assert.Equal(finished[0].GetProperty("version").GetInt64(), job.GetProperty("version").GetInt64());
        Assert.Equal(finished[0].GetProperty("result").ToString(), job.GetProperty("result").ToString());
        Assert.Equal(midi, await client.MidiAsync(id));
        Assert.Equal(notesBefore, await http.GetByteArrayAsync($"/api/jobs/{id:D}/notes"));
        Assert.True(OnsetScorer.Score(clip.Truth, MidiNotes.Onsets(await client.MidiAsync(id))).F1 >= 0.75);
        output.WriteLine("late deliveries 2, applied 0; the job's result, MIDI and notes are the real worker's");
    }

    private static async Task<JsonElement> DeliverLateAsync(HttpClient http, Guid id, TestClip wrong)
    {
        using var form = new MultipartFormDataContent();
        var midi = new ByteArrayContent(await File.ReadAllBytesAsync(wrong.MidiPath));
        midi.Headers.ContentType = new MediaTypeHeaderValue("audio/midi");
        form.Add(midi, "midi", "late.mid");
        var notes = new StringContent("[]", MediaTypeHeaderValue.Parse("application/json"));
        form.Add(notes, "notes", "late.json");
        form.Add(new StringContent("""{"noteCount":0,"lowestPitch":null,"highestPitch":null,"audioSeconds":1,"processingSeconds":1}"""), "summary");

        using var request = new HttpRequestMessage(HttpMethod.Put, InternalApi.ResultPath(id)) { Content = form };
        request.Headers.Add(InternalApi.TokenHeader, LocalCluster.WorkerToken);
        request.Headers.Add(InternalApi.WorkerHeader, LateWorker);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"late PUT: {(int)response.StatusCode} {body}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }
}
