using System.Net;
using System.Text.Json;
using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Silo.Web.Tests.Api;

/// <summary>The REST API under <c>/api</c> against the production-mode web silo (no GPU worker: jobs stay pending unless a test plays the worker).</summary>
[Collection(PostgresWebSiloDefinition.Name)]
public sealed class JobsApiTests
{
    private readonly PostgresWebSilo _fixture;

    public JobsApiTests(PostgresWebSilo fixture)
    {
        _fixture = fixture;
    }

    private HttpClient Http() => _fixture.Http(token: null);

    [Fact]
    public async Task Post_ValidWav_Returns202WithLocationAndLinks()
    {
        using var http = Http();
        using var response = await UploadForm.PostAsync(http, "/api/jobs", UploadForm.Create(TestAudio.Wav(1.0), "My Song.wav"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var body = document.RootElement;
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"/api/jobs/{id:D}", response.Headers.Location?.OriginalString);
        Assert.Equal("pending", body.GetProperty("status").GetString());
        var links = body.GetProperty("links");
        Assert.Equal($"/api/jobs/{id:D}", links.GetProperty("self").GetString());
        Assert.Equal($"/api/jobs/{id:D}/events", links.GetProperty("events").GetString());
        Assert.Equal($"/api/jobs/{id:D}/midi", links.GetProperty("midi").GetString());
        Assert.Equal($"/api/jobs/{id:D}/notes", links.GetProperty("notes").GetString());

        // Stored and queued: the grain has it, the queue's task hash carries the seed-shaped payload.
        var job = await _fixture.GetJobAsync(id);
        Assert.NotNull(job);
        Assert.True(await _fixture.Media.ExistsAsync(job.AudioKey, CancellationToken.None));
        var task = await _fixture.Queue.GetTaskAsync(id.ToString("D"));
        Assert.NotNull(task);
        using var payload = JsonDocument.Parse(task.Payload);
        Assert.Equal(id.ToString("D"), payload.RootElement.GetProperty("task_id").GetString());
        Assert.Equal(id.ToString("D"), payload.RootElement.GetProperty("audio_midi_id").GetString());
        Assert.Equal("My Song.wav", payload.RootElement.GetProperty("file_name").GetString());
    }

    [Fact]
    public async Task Get_PendingJob_ReturnsSnapshotWithOptionsQueuePositionAndLinks()
    {
        using var http = Http();
        var id = await ApiJobs.SubmitAsync(http, new Dictionary<string, string>
        {
            ["onset_threshold"] = "0.6",
            ["min_frequency"] = "80",
            ["max_frequency"] = "1200",
            ["instrument"] = "guitar-steel",
            ["pitch_bends"] = "none",
            ["melodia_trick"] = "false",
        });

        var job = await ApiJobs.GetJsonAsync(http, $"/api/jobs/{id:D}");

        Assert.Equal(id, job.GetProperty("id").GetGuid());
        Assert.Equal("pending", job.GetProperty("status").GetString());
        Assert.Equal("clip.wav", job.GetProperty("fileName").GetString());
        Assert.Equal(44 + 16000, job.GetProperty("sizeBytes").GetInt64());
        Assert.Equal(1.0, job.GetProperty("durationSeconds").GetDouble(), 3);
        var options = job.GetProperty("options");
        Assert.Equal(0.6, options.GetProperty("onsetThreshold").GetDouble());
        Assert.Equal(0.3, options.GetProperty("frameThreshold").GetDouble());
        Assert.Equal(80, options.GetProperty("minFrequency").GetDouble());
        Assert.Equal(1200, options.GetProperty("maxFrequency").GetDouble());
        Assert.Equal("guitar-steel", options.GetProperty("instrument").GetString());
        Assert.Equal("none", options.GetProperty("pitchBends").GetString());
        Assert.False(options.GetProperty("melodiaTrick").GetBoolean());
        Assert.Equal(120, options.GetProperty("tempo").GetDouble());
        Assert.Equal(0, job.GetProperty("attempts").GetInt32());
        Assert.Equal(0, job.GetProperty("currentChunk").GetInt32());
        Assert.Equal(0, job.GetProperty("totalChunks").GetInt32());
        Assert.Equal(0, job.GetProperty("progressPercent").GetDouble());
        Assert.True(job.GetProperty("queuePosition").GetInt64() >= 1);
        Assert.Equal(JsonValueKind.Null, job.GetProperty("result").ValueKind);
        Assert.Equal(JsonValueKind.Null, job.GetProperty("error").ValueKind);
        Assert.Equal(0, job.GetProperty("attemptHistory").GetArrayLength());
        Assert.True(job.GetProperty("version").GetInt64() > 0);
        Assert.True(job.GetProperty("createdAt").GetDateTimeOffset() <= job.GetProperty("updatedAt").GetDateTimeOffset());
        Assert.Equal($"/api/jobs/{id:D}/events", job.GetProperty("links").GetProperty("events").GetString());
    }

    [Fact]
    public async Task Get_CompletedJob_ShowsProgressResultAndAttempt()
    {
        using var http = Http();
        var id = await ApiJobs.SubmitAsync(http);
        await ApiJobs.CompleteAsync(_fixture, id);

        var job = await ApiJobs.GetJsonAsync(http, $"/api/jobs/{id:D}");

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(100, job.GetProperty("progressPercent").GetDouble());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("queuePosition").ValueKind);
        var result = job.GetProperty("result");
        Assert.Equal(1, result.GetProperty("noteCount").GetInt32());
        Assert.Equal(60, result.GetProperty("lowestPitch").GetInt32());
        Assert.Equal(ApiJobs.WorkerId, result.GetProperty("workerId").GetString());
        var attempt = Assert.Single(job.GetProperty("attemptHistory").EnumerateArray());
        Assert.Equal(ApiJobs.WorkerId, attempt.GetProperty("workerId").GetString());
        Assert.NotEqual(JsonValueKind.Null, job.GetProperty("completedAt").ValueKind);
    }

    [Fact]
    public async Task List_FilteredByStatusAndPaged_ReturnsNewestFirstWithTotals()
    {
        using var http = Http();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await ApiJobs.SubmitAsync(http, fileName: $"list-{i}.wav"));
        }

        var first = await Eventually.ReadAsync(
            () => ApiJobs.GetJsonAsync(http, "/api/jobs?status=pending&limit=2"),
            page => page.GetProperty("items").EnumerateArray().Any(item => item.GetProperty("id").GetGuid() == ids[^1]));

        var items = first.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(ids[^1], items[0].GetProperty("id").GetGuid());
        Assert.Equal(ids[^2], items[1].GetProperty("id").GetGuid());
        Assert.All(items, item => Assert.Equal("pending", item.GetProperty("status").GetString()));
        Assert.Equal("list-2.wav", items[0].GetProperty("fileName").GetString());
        Assert.Equal($"/api/jobs/{ids[^1]:D}", items[0].GetProperty("links").GetProperty("self").GetString());
        var total = first.GetProperty("total").GetInt32();
        Assert.True(total >= 3);
        Assert.Equal(2, first.GetProperty("limit").GetInt32());
        Assert.Equal("pending", first.GetProperty("status").GetString());

        var second = await ApiJobs.GetJsonAsync(http, "/api/jobs?status=pending&offset=2&limit=1");
        Assert.Equal(ids[^3], Assert.Single(second.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(2, second.GetProperty("offset").GetInt32());

        var last = await ApiJobs.GetJsonAsync(http, $"/api/jobs?status=pending&offset={total}");
        Assert.Equal(0, last.GetProperty("items").GetArrayLength());

        var completed = await ApiJobs.GetJsonAsync(http, "/api/jobs?status=completed&limit=200");
        Assert.DoesNotContain(completed.GetProperty("items").EnumerateArray(), item => ids.Contains(item.GetProperty("id").GetGuid()));
    }

    [Theory]
    [InlineData("status=finished", "status must be one of")]
    [InlineData("limit=0", "limit must be")]
    [InlineData("limit=201", "limit must be")]
    [InlineData("limit=ten", "limit must be")]
    [InlineData("offset=-1", "offset must be")]
    public async Task List_BadQuery_Returns400Problem(string query, string message)
    {
        using var http = Http();
        using var response = await http.GetAsync(new Uri($"/api/jobs?{query}", UriKind.Relative));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(message, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_SameIdempotencyKeyAndBody_ReturnsTheSameJob()
    {
        using var http = Http();
        var key = $"key-{Guid.NewGuid():N}";
        var wav = TestAudio.Wav(1.0);
        var fields = new Dictionary<string, string> { ["tempo"] = "90" };

        using var first = await UploadForm.PostAsync(http, "/api/jobs", UploadForm.Create(wav, fields: fields), key);
        using var second = await UploadForm.PostAsync(http, "/api/jobs", UploadForm.Create(wav, "renamed.wav", fields: fields), key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        using var a = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        using var b = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        var id = a.RootElement.GetProperty("id").GetGuid();
        Assert.Equal(id, b.RootElement.GetProperty("id").GetGuid());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal("true", Assert.Single(second.Headers.GetValues("Idempotent-Replayed")));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Post_SameIdempotencyKeyDifferentBody_Returns409Problem()
    {
        using var http = Http();
        var key = $"key-{Guid.NewGuid():N}";
        using var first = await UploadForm.PostAsync(http, "/api/jobs", UploadForm.Create(TestAudio.Wav(1.0)), key);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        using var otherOptions = await UploadForm.PostAsync(
            http, "/api/jobs", UploadForm.Create(TestAudio.Wav(1.0), fields: new Dictionary<string, string> { ["onset_threshold"] = "0.7" }), key);
        using var otherFile = await UploadForm.PostAsync(http, "/api/jobs", UploadForm.Create(TestAudio.Wav(1.0, frequency: 330)), key);

        var problem = await ProblemAssert.IsProblemAsync(otherOptions, HttpStatusCode.Conflict);
        Assert.Contains("already used for a different request", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(otherFile, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Post_MissingFileField_Returns400Problem()
    {
        using var http = Http();
        using var response = await UploadForm.PostAsync(
            http, "/api/jobs", UploadForm.Create(null, fields: new Dictionary<string, string> { ["tempo"] = "100" }));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("No file in the form field 'file'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_FileInWrongField_Returns400ProblemNamingTheField()
    {
        using var http = Http();
        using var response = await UploadForm.PostAsync(http, "/api/jobs", UploadForm.Create(TestAudio.Wav(0.5), field: "audio"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("'file'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_EmptyFile_Returns400Problem()
    {
        using var http = Http();
        using var response = await UploadForm.PostAsync(http, "/api/jobs", UploadForm.Create([], "empty.wav"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("is empty (0 bytes)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_TextNamedWav_Returns415NotAnAudioFile()
    {
        using var http = Http();
        using var response = await UploadForm.PostAsync(http, "/api/jobs", UploadForm.Create(TestAudio.NotAudio(), "song.wav"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("'song.wav' is not an audio file", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_TruncatedWavHeader_Returns422WithTheDecodersReason()
    {
        using var http = Http();
        using var response = await UploadForm.PostAsync(http, "/api/jobs", UploadForm.Create(TestAudio.TruncatedWavHeader(), "cut.wav"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("cut.wav", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(".upload", detail, StringComparison.Ordinal); // no server temp names
    }

    [Fact]
    public async Task Post_JsonInsteadOfMultipart_Returns415Problem()
    {
        using var http = Http();
        using var response = await http.PostAsync(
            new Uri("/api/jobs", UriKind.Relative), new StringContent("""{"file":"clip.wav"}""", System.Text.Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("multipart/form-data", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_MalformedMultipart_Returns400Problem()
    {
        using var http = Http();
        var content = new StringContent("--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n\r\nRIFF", System.Text.Encoding.ASCII);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=abc");
        using var response = await http.PostAsync(new Uri("/api/jobs", UriKind.Relative), content);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("multipart", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("onset_threshold", "-0.1", "onset_threshold must be between 0 and 1")]
    [InlineData("frame_threshold", "1.5", "frame_threshold must be between 0 and 1")]
    [InlineData("instrument", "kazoo", "instrument must be one of")]
    [InlineData("pitch_bends", "wobbly", "pitch_bends must be one of")]
    [InlineData("tempo", "fast", "tempo must be a number (got 'fast')")]
    [InlineData("energy_tolerance", "2.5", "energy_tolerance must be a whole number")]
    [InlineData("infer_onsets", "maybe", "infer_onsets must be true or false")]
    [InlineData("onset_treshold", "0.5", "Unknown field 'onset_treshold'")]
    public async Task Post_InvalidOption_Returns400ValidationProblemNamingTheField(string field, string value, string message)
    {
        using var http = Http();
        using var response = await UploadForm.PostAsync(
            http, "/api/jobs", UploadForm.Create(TestAudio.Wav(0.5), fields: new Dictionary<string, string> { [field] = value }));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(message, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var errors = problem.GetProperty("errors").GetProperty(field);
        Assert.Contains(errors.EnumerateArray(), e => e.GetString()!.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_MinFrequencyAboveMax_Returns400ValidationProblem()
    {
        using var http = Http();
        using var response = await UploadForm.PostAsync(
            http,
            "/api/jobs",
            UploadForm.Create(TestAudio.Wav(0.5), fields: new Dictionary<string, string> { ["min_frequency"] = "900", ["max_frequency"] = "300" }));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("min_frequency must not be above max_frequency", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejected_Uploads_LeaveNoJobBehind()
    {
        using var http = Http();
        var before = (await ApiJobs.GetJsonAsync(http, "/api/jobs?limit=1")).GetProperty("total").GetInt32();
        using var bad = await UploadForm.PostAsync(http, "/api/jobs", UploadForm.Create(TestAudio.NotAudio(), "x.wav"));
        using var invalid = await UploadForm.PostAsync(
            http, "/api/jobs", UploadForm.Create(TestAudio.Wav(0.5), fields: new Dictionary<string, string> { ["tempo"] = "1000" }));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, bad.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var after = (await ApiJobs.GetJsonAsync(http, "/api/jobs?limit=1")).GetProperty("total").GetInt32();
        Assert.Equal(before, after);

        // and the server still answers
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/api/queue", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/jobs/not-a-guid")]
    [InlineData("GET", "/api/jobs/123/events")]
    [InlineData("GET", "/api/jobs/xyz/midi")]
    [InlineData("GET", "/api/jobs/xyz/notes")]
    [InlineData("DELETE", "/api/jobs/42")]
    [InlineData("POST", "/api/jobs/42/retry")]
    public async Task MalformedId_Returns400Problem(string method, string path)
    {
        using var http = Http();
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("is not a job id", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("GET", "/events")]
    [InlineData("GET", "/midi")]
    [InlineData("GET", "/notes")]
    [InlineData("DELETE", "")]
    [InlineData("POST", "/retry")]
    public async Task UnknownId_Returns404Problem(string method, string suffix)
    {
        using var http = Http();
        var id = Guid.NewGuid();
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri($"/api/jobs/{id:D}{suffix}", UriKind.Relative)));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains($"There is no job {id:D}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_PendingJob_CancelsIt_AndASecondCancelIs409()
    {
        using var http = Http();
        var id = await ApiJobs.SubmitAsync(http);

        using var cancel = await http.DeleteAsync(new Uri($"/api/jobs/{id:D}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        using (var body = JsonDocument.Parse(await cancel.Content.ReadAsStringAsync()))
        {
            Assert.Equal("cancelled", body.RootElement.GetProperty("status").GetString());
        }

        Assert.Equal(JobStatus.Cancelled, (await _fixture.GetJobAsync(id))!.Status);
        using var again = await http.DeleteAsync(new Uri($"/api/jobs/{id:D}", UriKind.Relative));
        var problem = await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict);
        Assert.Contains("can no longer be cancelled", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_PendingJob_Returns409Problem()
    {
        using var http = Http();
        var id = await ApiJobs.SubmitAsync(http);

        using var response = await http.PostAsync(new Uri($"/api/jobs/{id:D}/retry", UriKind.Relative), null);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("Only failed or cancelled jobs can be retried", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_CancelledJob_Returns202AndTheJobIsPendingAndQueued()
    {
        using var http = Http();
        var id = await ApiJobs.SubmitAsync(http);
        (await http.DeleteAsync(new Uri($"/api/jobs/{id:D}", UriKind.Relative))).Dispose();

        using var response = await http.PostAsync(new Uri($"/api/jobs/{id:D}/retry", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/jobs/{id:D}", response.Headers.Location?.OriginalString);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("pending", body.RootElement.GetProperty("status").GetString());
        Assert.True(body.RootElement.GetProperty("queuePosition").GetInt64() >= 1);
    }

    [Fact]
    public async Task Workers_ListsLiveHeartbeats()
    {
        var workerId = $"api-heartbeat-{Guid.NewGuid():N}";
        await _fixture.Queue.HeartbeatAsync(
            workerId, new WhatsTheTab.TaskQueue.WorkerInfo("test-host", "cpu", null, 3, 1, DateTimeOffset.UtcNow), TimeSpan.FromMinutes(1));
        using var http = Http();

        var workers = await ApiJobs.GetJsonAsync(http, "/api/workers");

        var worker = Assert.Single(workers.EnumerateArray(), w => w.GetProperty("workerId").GetString() == workerId);
        Assert.Equal("test-host", worker.GetProperty("host").GetString());
        Assert.Equal("cpu", worker.GetProperty("device").GetString());
        Assert.Equal(3, worker.GetProperty("completed").GetInt64());
        Assert.True(worker.GetProperty("heartbeatExpiresInSeconds").GetDouble() > 0);
    }

    [Fact]
    public async Task Queue_ReportsEveryListAndSortedSet()
    {
        using var http = Http();
        await ApiJobs.SubmitAsync(http);

        var queue = await ApiJobs.GetJsonAsync(http, "/api/queue");

        Assert.True(queue.GetProperty("queued").GetInt64() >= 1);
        foreach (var name in new[] { "processing", "leased", "delayed", "deadLettered", "results" })
        {
            Assert.True(queue.GetProperty(name).GetInt64() >= 0);
        }

        var keys = queue.GetProperty("keys");
        Assert.Equal(queue.GetProperty("queued").GetInt64(), keys.GetProperty(_fixture.Keys.Queue).GetInt64());
        Assert.True(keys.TryGetProperty(_fixture.Keys.ProcessingDeadlines, out _));
        Assert.True(keys.TryGetProperty(_fixture.Keys.Failed, out _));
    }
}
