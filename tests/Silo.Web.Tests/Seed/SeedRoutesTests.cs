using System.Net;
using System.Text;
using System.Text.Json;
using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Silo.Web.Tests.Api;

namespace WhatsTheTab.Silo.Web.Tests.Seed;

/// <summary>The seed service's routes keep its paths and snake_case shapes (upload → generate → status → midi, metrics).</summary>
[Collection(PostgresWebSiloDefinition.Name)]
public sealed class SeedRoutesTests
{
    private readonly PostgresWebSilo _fixture;

    public SeedRoutesTests(PostgresWebSilo fixture)
    {
        _fixture = fixture;
    }

    private HttpClient Http() => _fixture.Http(token: null);

    private static async Task<Guid> UploadAsync(HttpClient http)
    {
        using var response = await UploadForm.PostAsync(http, "/transcribe/upload/", UploadForm.Create(TestAudio.Wav(1.0), "seed.wav", field: "audio"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("audio_midi_id").GetGuid();
    }

    [Fact]
    public async Task Upload_ReturnsAudioMidiId_AndCreatesAPendingJobThatIsNotQueued()
    {
        using var http = Http();

        var id = await UploadAsync(http);

        var job = await _fixture.GetJobAsync(id);
        Assert.Equal(JobStatus.Pending, job?.Status);
        Assert.Equal("seed.wav", job!.FileName);
        Assert.Null(await _fixture.Queue.GetTaskAsync(id.ToString("D")));
    }

    [Fact]
    public async Task Generate_FormField_QueuesTheJob()
    {
        using var http = Http();
        var id = await UploadAsync(http);

        using var response = await http.PostAsync(
            new Uri("/transcribe/generate/", UriKind.Relative), new FormUrlEncodedContent([new("audio_midi_id", id.ToString("D"))]));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var document = JsonDocument.Parse(body);
        Assert.Equal("queued", document.RootElement.GetProperty("status").GetString());
        Assert.Equal(id, document.RootElement.GetProperty("audio_midi_id").GetGuid());
        var task = await _fixture.Queue.GetTaskAsync(id.ToString("D"));
        Assert.Equal("pending", task?.Status);
        using var payload = JsonDocument.Parse(task!.Payload);
        Assert.Equal(id.ToString("D"), payload.RootElement.GetProperty("audio_midi_id").GetString());
    }

    [Fact]
    public async Task Generate_JsonBody_QueuesTheJob()
    {
        using var http = Http();
        var id = await UploadAsync(http);

        using var response = await http.PostAsync(
            new Uri("/transcribe/generate/", UriKind.Relative),
            new StringContent($$"""{"audio_midi_id":"{{id:D}}"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("pending", (await _fixture.Queue.GetTaskAsync(id.ToString("D")))?.Status);
    }

    [Fact]
    public async Task Generate_MissingId_Returns400Problem()
    {
        using var http = Http();

        using var response = await http.PostAsync(new Uri("/transcribe/generate/", UriKind.Relative), new FormUrlEncodedContent([]));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("audio_midi_id", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_UnknownId_Returns404Problem()
    {
        using var http = Http();

        using var response = await http.PostAsync(
            new Uri("/transcribe/generate/", UriKind.Relative), new FormUrlEncodedContent([new("audio_midi_id", Guid.NewGuid().ToString("D"))]));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Status_HasTheSeedsFields()
    {
        using var http = Http();
        var id = await UploadAsync(http);

        var status = await ApiJobs.GetJsonAsync(http, $"/transcribe/status/{id:D}/");

        Assert.Equal("pending", status.GetProperty("status").GetString());
        Assert.Equal(0, status.GetProperty("current_chunk").GetInt32());
        Assert.Equal(0, status.GetProperty("total_chunks").GetInt32());
        Assert.False(status.GetProperty("has_midi").GetBoolean());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("error_message").ValueKind);
    }

    [Fact]
    public async Task Status_CompletedJob_HasMidi_AndBothMidiRoutesServeIt()
    {
        using var http = Http();
        var id = await UploadAsync(http);
        await ApiJobs.CompleteAsync(_fixture, id);

        var status = await ApiJobs.GetJsonAsync(http, $"/transcribe/status/{id:D}/");
        using var inline = await http.GetAsync(new Uri($"/transcribe/midi/{id:D}/", UriKind.Relative));
        using var download = await http.GetAsync(new Uri($"/transcribe/download_midi/{id:D}/", UriKind.Relative));

        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.True(status.GetProperty("has_midi").GetBoolean());
        Assert.Equal(2, status.GetProperty("total_chunks").GetInt32());
        Assert.Equal(HttpStatusCode.OK, inline.StatusCode);
        Assert.Equal("audio/midi", inline.Content.Headers.ContentType?.MediaType);
        Assert.Null(inline.Content.Headers.ContentDisposition);
        Assert.Equal(ResultForm.Midi, await inline.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(ResultForm.Midi, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Midi_PendingJob_Returns404Problem()
    {
        using var http = Http();
        var id = await UploadAsync(http);

        using var response = await http.GetAsync(new Uri($"/transcribe/midi/{id:D}/", UriKind.Relative));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Status_MalformedId_Returns400Problem()
    {
        using var http = Http();

        using var response = await http.GetAsync(new Uri("/transcribe/status/2/", UriKind.Relative));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Upload_WithoutAudioField_Returns400Problem()
    {
        using var http = Http();

        using var response = await UploadForm.PostAsync(http, "/transcribe/upload/", UploadForm.Create(TestAudio.Wav(0.5), field: "file"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("'audio'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_ReportQueueDepthsWorkersJobsAndRedisStats()
    {
        using var http = Http();
        var id = await UploadAsync(http);
        (await http.PostAsync(new Uri("/transcribe/generate/", UriKind.Relative), new FormUrlEncodedContent([new("audio_midi_id", id.ToString("D"))]))).Dispose();

        var metrics = await ApiJobs.GetJsonAsync(http, "/transcribe/metrics/");

        Assert.True(metrics.GetProperty("queue_depth").GetInt64() >= 1);
        Assert.Equal(metrics.GetProperty("queue_depth").GetInt64(), metrics.GetProperty("queue").GetProperty(_fixture.Keys.Queue).GetInt64());
        foreach (var name in new[] { "processing", "delayed", "failed", "results" })
        {
            Assert.True(metrics.GetProperty(name).GetInt64() >= 0);
        }

        Assert.True(metrics.GetProperty("workers").GetInt32() >= 0);
        Assert.True(metrics.GetProperty("jobs").GetProperty("pending").GetInt32() >= 1);
        var redis = metrics.GetProperty("redis");
        Assert.True(redis.GetProperty("connected_clients").GetInt64() >= 1);
        Assert.False(string.IsNullOrEmpty(redis.GetProperty("redis_version").ToString()));
        Assert.True(redis.TryGetProperty("used_memory", out _));
    }
}
