using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using WhatsTheTab.Silo.Web.Tests.Api;
using WhatsTheTab.TestSupport.Services;

namespace WhatsTheTab.Silo.Web.Tests.Security;

/// <summary>A full queue refuses new jobs with 503 and <c>Retry-After</c>, and stores nothing (no GPU worker runs, so queued jobs stay queued).</summary>
public sealed class BackPressureTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"wtt-bp-{Guid.NewGuid():N}");
    private WebSiloProcess _silo = null!;

    public async Task InitializeAsync()
    {
        _silo = WebSiloProcess.Start(new Dictionary<string, string>
        {
            ["Embedded__DataDirectory"] = _dataDirectory,
            ["Embedded__GarnetPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans__ClusterId"] = $"bptest-{Guid.NewGuid():N}",
            ["Uploads__MaxQueueDepth"] = "2",
            ["Uploads__RetryAfterSeconds"] = "17",
        });
        await _silo.WaitUntilReadyAsync();
    }

    [Fact]
    public async Task Upload_WhenTheQueueIsFull_Returns503WithRetryAfterAndStoresNothing()
    {
        using var http = new HttpClient { BaseAddress = _silo.BaseAddress };
        await ApiJobs.SubmitAsync(http);
        await ApiJobs.SubmitAsync(http);

        using var refused = await UploadForm.PostAsync(http, "/api/jobs", UploadForm.Create(TestAudio.Wav(1.0)));

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Queue full", problem.GetProperty("title").GetString());
        Assert.Contains("The queue holds 2 jobs", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(17), refused.Headers.RetryAfter?.Delta);

        // The seed's generate is refused too; its upload (which queues nothing) still works.
        using var upload = await UploadForm.PostAsync(http, "/transcribe/upload/", UploadForm.Create(TestAudio.Wav(1.0), field: "audio"));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var uploaded = await upload.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var seedId = uploaded.GetProperty("audio_midi_id").GetString()!;
        using var generate = await http.PostAsJsonAsync(new Uri("/transcribe/generate/", UriKind.Relative), new Dictionary<string, string> { ["audio_midi_id"] = seedId });
        await ProblemAssert.IsProblemAsync(generate, HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(generate.Headers.RetryAfter);

        // Nothing stored for the refused upload: two queued jobs and the seed upload, still pending and unqueued.
        var list = await Eventually.ReadAsync(() => ApiJobs.GetJsonAsync(http, "/api/jobs"), l => l.GetProperty("total").GetInt32() >= 3);
        Assert.Equal(3, list.GetProperty("total").GetInt32());
        var queue = await ApiJobs.GetJsonAsync(http, "/api/queue");
        Assert.Equal(2, queue.GetProperty("queued").GetInt64());
        var seedJob = await ApiJobs.GetJsonAsync(http, $"/api/jobs/{seedId}");
        Assert.Equal("pending", seedJob.GetProperty("status").GetString());
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
