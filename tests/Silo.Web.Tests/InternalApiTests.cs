using System.Net;
using System.Text.Json;
using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Silo.Web.Tests;

[Collection(PostgresWebSiloDefinition.Name)]
public sealed class InternalApiTests(PostgresWebSilo fixture)
{
    private static readonly byte[] Audio = [.. "RIFF"u8, .. Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7))];

    public static TheoryData<string> Paths => new()
    {
        "/internal/jobs/8d5f5e7a-1f4e-4a55-9c55-0a4f0e2b9e11/audio",
        "/internal/jobs/8d5f5e7a-1f4e-4a55-9c55-0a4f0e2b9e11/result",
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task InternalEndpoint_WithoutToken_Is401ProblemJson(string path)
    {
        using var http = fixture.Http(token: null);
        using var response = await SendAsync(http, path);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task InternalEndpoint_WithWrongToken_Is403ProblemJson(string path)
    {
        using var http = fixture.Http(token: "not-the-worker-token-at-all");
        using var response = await SendAsync(http, path);
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.DoesNotContain(PostgresWebSilo.WorkerToken, problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audio_WithToken_StreamsTheStoredBytes()
    {
        var id = await fixture.CreateJobAsync(Audio);
        using var http = fixture.Http();
        using var response = await http.GetAsync(new Uri($"/internal/jobs/{id:D}/audio", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Audio, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Audio_OfUnknownJob_Is404ProblemJson()
    {
        using var http = fixture.Http();
        using var response = await http.GetAsync(new Uri($"/internal/jobs/{Guid.NewGuid():D}/audio", UriKind.Relative));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Result_FromTheOwner_IsAppliedOnce_AndARepeatIsNotApplied()
    {
        var id = await fixture.CreateJobAsync(Audio);
        var grain = fixture.Grains.GetGrain<ITranscriptionGrain>(id);
        Assert.True((await grain.ClaimedAsync(new JobClaim("gpu-a", 1, DateTimeOffset.UtcNow))).Applied);
        using var http = fixture.Http();

        using (var first = await ResultForm.PutAsync(http, id, "gpu-a"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            using var body = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
            Assert.True(body.RootElement.GetProperty("applied").GetBoolean());
            Assert.Equal("completed", body.RootElement.GetProperty("status").GetString());
        }

        var completed = await fixture.GetJobAsync(id);
        Assert.Equal(JobStatus.Completed, completed!.Status);
        Assert.Equal("gpu-a", completed.Result!.WorkerId);
        Assert.Equal(1, completed.Result.Summary.NoteCount);
        Assert.Equal(60, completed.Result.Summary.LowestPitch);
        await using (var midi = await fixture.Media.OpenReadAsync(completed.Result.MidiKey, CancellationToken.None))
        {
            Assert.NotNull(midi);
            using var copy = new MemoryStream();
            await midi.Content.CopyToAsync(copy);
            Assert.Equal(ResultForm.Midi, copy.ToArray());
        }

        using (var second = await ResultForm.PutAsync(http, id, "gpu-a"))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            using var body = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
            Assert.False(body.RootElement.GetProperty("applied").GetBoolean());
            Assert.Equal("completed", body.RootElement.GetProperty("status").GetString());
            Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("reason").GetString()));
        }

        var after = await fixture.GetJobAsync(id);
        Assert.Equal(completed.Result, after!.Result);
    }

    [Fact]
    public async Task Result_FromAWorkerThatLostTheJob_IsNotApplied_AndItsFilesAreDeleted()
    {
        var id = await fixture.CreateJobAsync(Audio);
        var grain = fixture.Grains.GetGrain<ITranscriptionGrain>(id);
        await grain.ClaimedAsync(new JobClaim("gpu-owner", 1, DateTimeOffset.UtcNow));
        using var http = fixture.Http();
        var filesBefore = await CountResultFilesAsync();

        using var response = await ResultForm.PutAsync(http, id, "gpu-stranger");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(body.RootElement.GetProperty("applied").GetBoolean());
        Assert.Equal("processing", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(JobStatus.Processing, (await fixture.GetJobAsync(id))!.Status);
        Assert.Equal(filesBefore, await CountResultFilesAsync());
    }

    [Fact]
    public async Task Result_WithoutSummary_Is400_AndTheJobIsUnchanged()
    {
        var id = await fixture.CreateJobAsync(Audio);
        await fixture.Grains.GetGrain<ITranscriptionGrain>(id).ClaimedAsync(new JobClaim("gpu-b", 1, DateTimeOffset.UtcNow));
        using var http = fixture.Http();

        using var response = await ResultForm.PutAsync(http, id, "gpu-b", ResultForm.Create(summary: null));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(JobStatus.Processing, (await fixture.GetJobAsync(id))!.Status);
    }

    [Fact]
    public async Task Result_WithACamelCaseSummary_IsApplied()
    {
        var id = await fixture.CreateJobAsync(Audio);
        await fixture.Grains.GetGrain<ITranscriptionGrain>(id).ClaimedAsync(new JobClaim("gpu-camel", 1, DateTimeOffset.UtcNow));
        using var http = fixture.Http();
        const string summary = """{"noteCount":3,"lowestPitch":40,"highestPitch":64,"audioSeconds":2.0,"processingSeconds":0.5}""";

        using var response = await ResultForm.PutAsync(http, id, "gpu-camel", ResultForm.Create(summary: summary));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var job = await fixture.GetJobAsync(id);
        Assert.Equal(new JobResultSummary(3, 40, 64, 2.0, 0.5), job!.Result!.Summary);
    }

    [Fact]
    public async Task Result_WithoutWorkerHeader_Is400()
    {
        var id = await fixture.CreateJobAsync(Audio);
        using var http = fixture.Http();
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"/internal/jobs/{id:D}/result", UriKind.Relative)) { Content = ResultForm.Create() };
        using var response = await http.SendAsync(request);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, string path) =>
        path.EndsWith("/audio", StringComparison.Ordinal)
            ? http.GetAsync(new Uri(path, UriKind.Relative))
            : ResultForm.PutAsync(http, Guid.Parse(path.Split('/')[3]), "gpu-x");

    // Tests of one collection run one at a time, so a count before and after one upload shows what it left behind.
    private async Task<long> CountResultFilesAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(fixture.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM media WHERE kind IN ('midi', 'notes')";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
