using System.Net;
using System.Text.Json;
using WhatsTheTab.Silo.Web.Tests.Api;
using Xunit.Abstractions;

namespace WhatsTheTab.Silo.Web.Tests.BadInput;

/// <summary>
/// The bad-input suite (issue 4, item 7) against the real web silo process: each case of <see cref="BadInputCases"/>
/// must get its status as <c>application/problem+json</c> with a clear message, leave no job, media file or queue entry
/// behind, and the silo must still answer <c>/healthz</c> and accept a valid upload right after it.
/// </summary>
[Collection(BadInputHostDefinition.Name)]
public sealed class BadInputTests
{
    private readonly ApiTestHost _host;
    private readonly ITestOutputHelper _output;

    public BadInputTests(ApiTestHost host, ITestOutputHelper output)
    {
        _host = host;
        _output = output;
    }

    public static TheoryData<string> CaseNames()
    {
        var names = new TheoryData<string>();
        foreach (var name in BadInputCases.All.Keys)
        {
            names.Add(name);
        }

        return names;
    }

    [Fact]
    public void Table_HasAtLeast30Cases()
    {
        var count = BadInputCases.All.Count;
        _output.WriteLine($"{count} bad-input cases");
        foreach (var group in BadInputCases.All.Values.GroupBy(c => c.Name.Split(':')[0]))
        {
            _output.WriteLine($"  {group.Key}: {group.Count()}");
        }

        Assert.True(count >= 30, $"only {count} bad-input cases");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task BadInput_IsRefusedWithAProblem_LeavesNothingBehind_AndTheSiloStillServes(string name)
    {
        var badCase = BadInputCases.All[name];
        using var http = _host.Http();
        var target = new BadInputTarget(http, _host.Silo.BaseAddress);
        if (badCase.Setup is not null)
        {
            await badCase.Setup(target);
        }

        var before = await SnapshotAsync(http);

        var response = await badCase.Send(target);

        var index = BadInputCases.All.Keys.ToList().IndexOf(name) + 1;
        _output.WriteLine($"bad-input case {index}/{BadInputCases.All.Count}: {name} -> {response.Status} {response.MediaType} {response.Body}");
        Assert.True(badCase.Status == response.Status, $"{name}: expected {badCase.Status}, got {response.Status} ({response.MediaType}): {response.Body}");
        if (badCase.ProblemJson)
        {
            Assert.Equal("application/problem+json", response.MediaType);
            using var document = JsonDocument.Parse(response.Body);
            var problem = document.RootElement;
            Assert.Equal(badCase.Status, problem.GetProperty("status").GetInt32());
            var title = problem.TryGetProperty("title", out var t) ? t.GetString() : null;
            var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
            Assert.False(string.IsNullOrWhiteSpace(title), response.Body);
            Assert.True(
                (detail ?? string.Empty).Contains(badCase.Message, StringComparison.Ordinal) || (title ?? string.Empty).Contains(badCase.Message, StringComparison.Ordinal),
                $"{name}: expected '{badCase.Message}' in the problem, got: {response.Body}");
            Assert.DoesNotContain("   at ", response.Body, StringComparison.Ordinal);
        }
        else
        {
            // Refused by Kestrel itself, before any middleware runs: a bare status, nothing echoed back.
            Assert.Equal(string.Empty, response.Body);
        }

        // No server temp names or paths in what the client sees.
        Assert.DoesNotContain(".upload", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("whatsthetab-uploads", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), response.Body, StringComparison.Ordinal);

        // Nothing half-written: no job, no stored media, nothing queued.
        var after = await SnapshotAsync(http);
        Assert.Equal(before, after);

        // And the silo still serves: health, and a valid small upload.
        using var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await ApiJobs.SubmitAsync(http);
    }

    [Fact]
    public async Task ClientHangsUpMidUpload_LeavesNothingBehind_AndTheSiloStillServes()
    {
        using var http = _host.Http();
        var before = await SnapshotAsync(http);

        var status = await RawHttp.HangUpAsync(
            _host.Silo.BaseAddress,
            "POST /api/jobs HTTP/1.1\r\nContent-Type: multipart/form-data; boundary=abc\r\nContent-Length: 100000",
            System.Text.Encoding.ASCII.GetBytes("--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"clip.wav\"\r\n\r\n")
                .Concat(TestAudio.Wav(0.5)[..300]).ToArray());

        _output.WriteLine($"client hung up mid-upload -> {(status is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "no answer (client gone)")}");
        Assert.True(status is null or 400, $"answered {status}");
        using var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await ApiJobs.SubmitAsync(http);
        var after = await SnapshotAsync(http);
        Assert.Equal(before.Jobs + 1, after.Jobs);
        Assert.Equal(before.Queued + 1, after.Queued);
    }

    /// <summary>
    /// Sizes that lie while the samples that are there are intact are not refused: like ffmpeg, the decoder ignores a
    /// wrong RIFF size and decodes a data chunk that claims more than the file holds as far as it goes (a recording
    /// cut off by a crash), and the job's duration is what is really there, not what the header claims.
    /// </summary>
    [Theory]
    [InlineData("riff-size-too-small")]
    [InlineData("data-size-claims-10-s")]
    public async Task LyingSizesWithIntactSamples_AreAcceptedWithTheRealDuration(string kind)
    {
        using var http = _host.Http();
        var wav = kind == "riff-size-too-small" ? BadFiles.WavRiffSizeTooSmall() : BadFiles.WavDataSizeLargerThanSamples();
        using var form = UploadForm.Create(wav, $"{kind}.wav");
        using var response = await UploadForm.PostAsync(http, "/api/jobs", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        using var document = JsonDocument.Parse(body);
        var id = document.RootElement.GetProperty("id").GetGuid();

        var job = await ApiJobs.GetJsonAsync(http, $"/api/jobs/{id:D}");
        Assert.Equal(0.5, job.GetProperty("durationSeconds").GetDouble(), 3);
    }

    private async Task<(int Jobs, int MediaFiles, long Queued)> SnapshotAsync(HttpClient http)
    {
        var jobs = (await ApiJobs.GetJsonAsync(http, "/api/jobs?limit=1")).GetProperty("total").GetInt32();
        var media = Path.Combine(_host.Silo.Environment["Embedded__DataDirectory"], "media");
        var files = Directory.Exists(media) ? Directory.EnumerateFiles(media, "*", SearchOption.AllDirectories).Count() : 0;
        var queued = (await _host.Queue.GetDepthsAsync()).Queued;
        return (jobs, files, queued);
    }
}
