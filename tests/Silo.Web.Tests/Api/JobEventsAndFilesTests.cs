using System.Globalization;
using System.Net;
using System.Text.Json;
using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Silo.Web.Tests.Api;

/// <summary>
/// <c>GET /api/jobs/{id}/events</c> (SSE) and the result downloads, with the test playing the GPU worker (a claim and
/// progress on the grain, the result through the internal endpoint).
/// </summary>
[Collection(PostgresWebSiloDefinition.Name)]
public sealed class JobEventsAndFilesTests
{
    private static readonly TimeSpan StreamAllowance = TimeSpan.FromSeconds(60);
    private readonly PostgresWebSilo _fixture;

    public JobEventsAndFilesTests(PostgresWebSilo fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Events_StreamSnapshotClaimProgressAndCompletion_ThenEnd()
    {
        using var http = _fixture.Http(token: null);
        var id = await ApiJobs.SubmitAsync(http);
        using var allowance = new CancellationTokenSource(StreamAllowance);
        using var response = await http.GetAsync(new Uri($"/api/jobs/{id:D}/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, allowance.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var events = new SseReader(await response.Content.ReadAsStreamAsync(allowance.Token));

        var snapshot = await events.NextAsync(allowance.Token);
        Assert.NotNull(snapshot);
        Assert.Equal("snapshot", snapshot.Name);
        using (var job = JsonDocument.Parse(snapshot.Data))
        {
            Assert.Equal(id, job.RootElement.GetProperty("id").GetGuid());
            Assert.Equal("pending", job.RootElement.GetProperty("status").GetString());
            Assert.Equal(job.RootElement.GetProperty("version").GetInt64().ToString(CultureInfo.InvariantCulture), snapshot.Id);
        }

        await ApiJobs.CompleteAsync(_fixture, id);
        var received = new List<SseEvent>();
        while (await events.NextAsync(allowance.Token) is { } next)
        {
            received.Add(next);
        }

        var names = received.Select(e => e.Name).ToList();
        Assert.Equal("claimed", names[0]);
        Assert.Equal("completed", names[^1]);
        var progress = received.Where(e => e.Name == "progress").Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();
        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.Equal(2, p.GetProperty("total").GetInt32()));
        Assert.Equal(2, progress[^1].GetProperty("chunk").GetInt32());
        var versions = received.Select(e => long.Parse(e.Id!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(versions.Order().ToList(), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
        Assert.True(versions[0] > long.Parse(snapshot.Id!, CultureInfo.InvariantCulture));
        using var completed = JsonDocument.Parse(received[^1].Data);
        Assert.Equal("completed", completed.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Events_CancelledWhileWatching_EndsWithCancelled()
    {
        using var http = _fixture.Http(token: null);
        var id = await ApiJobs.SubmitAsync(http);
        using var allowance = new CancellationTokenSource(StreamAllowance);
        using var response = await http.GetAsync(new Uri($"/api/jobs/{id:D}/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, allowance.Token);
        using var events = new SseReader(await response.Content.ReadAsStreamAsync(allowance.Token));
        Assert.Equal("snapshot", (await events.NextAsync(allowance.Token))?.Name);

        (await http.DeleteAsync(new Uri($"/api/jobs/{id:D}", UriKind.Relative), allowance.Token)).Dispose();

        var cancelled = await events.NextAsync(allowance.Token);
        Assert.Equal("cancelled", cancelled?.Name);
        Assert.Null(await events.NextAsync(allowance.Token));
    }

    [Fact]
    public async Task Events_FinishedJob_SendsOneSnapshotAndEnds()
    {
        using var http = _fixture.Http(token: null);
        var id = await ApiJobs.SubmitAsync(http);
        await ApiJobs.CompleteAsync(_fixture, id);
        using var allowance = new CancellationTokenSource(StreamAllowance);
        using var response = await http.GetAsync(new Uri($"/api/jobs/{id:D}/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, allowance.Token);
        using var events = new SseReader(await response.Content.ReadAsStreamAsync(allowance.Token));

        var only = await events.NextAsync(allowance.Token);

        Assert.Equal("snapshot", only?.Name);
        Assert.Contains("\"status\":\"completed\"", only!.Data, StringComparison.Ordinal);
        Assert.Null(await events.NextAsync(allowance.Token));
    }

    [Fact]
    public async Task Midi_CompletedJob_StreamsTheStoredFileAsAnAttachment()
    {
        using var http = _fixture.Http(token: null);
        var id = await ApiJobs.SubmitAsync(http, fileName: "Blue Bossa.wav");
        await ApiJobs.CompleteAsync(_fixture, id);

        using var response = await http.GetAsync(new Uri($"/api/jobs/{id:D}/midi", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/midi", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("Blue Bossa.mid", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(ResultForm.Midi, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Notes_CompletedJob_AsJsonAndAsCsv()
    {
        using var http = _fixture.Http(token: null);
        var id = await ApiJobs.SubmitAsync(http);
        await ApiJobs.CompleteAsync(_fixture, id);

        using var json = await http.GetAsync(new Uri($"/api/jobs/{id:D}/notes", UriKind.Relative));
        using var csv = await http.GetAsync(new Uri($"/api/jobs/{id:D}/notes?format=csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        using (var notes = JsonDocument.Parse(await json.Content.ReadAsStringAsync()))
        {
            Assert.Equal(60, notes.RootElement.GetProperty("notes")[0].GetProperty("pitch").GetInt32());
        }

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("start_s,end_s,pitch,velocity,amplitude,pitch_bends", lines[0]);
        Assert.StartsWith("0.25,0.75,60,", lines[1], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
    }

    [Theory]
    [InlineData("/midi")]
    [InlineData("/notes")]
    [InlineData("/notes?format=csv")]
    public async Task Files_PendingJob_Return404ProblemSayingItIsPending(string suffix)
    {
        using var http = _fixture.Http(token: null);
        var id = await ApiJobs.SubmitAsync(http);

        using var response = await http.GetAsync(new Uri($"/api/jobs/{id:D}{suffix}", UriKind.Relative));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("yet: it is pending", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notes_UnknownFormat_Returns400Problem()
    {
        using var http = _fixture.Http(token: null);
        var id = await ApiJobs.SubmitAsync(http);

        using var response = await http.GetAsync(new Uri($"/api/jobs/{id:D}/notes?format=xml", UriKind.Relative));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("format must be json or csv", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_CompletedJob_Returns409Problem()
    {
        using var http = _fixture.Http(token: null);
        var id = await ApiJobs.SubmitAsync(http);
        await ApiJobs.CompleteAsync(_fixture, id);

        using var response = await http.DeleteAsync(new Uri($"/api/jobs/{id:D}", UriKind.Relative));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("is completed and can no longer be cancelled", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(JobStatus.Completed, (await _fixture.GetJobAsync(id))!.Status);
    }
}
