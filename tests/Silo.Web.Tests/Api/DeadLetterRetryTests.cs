using System.Net;
using System.Text.Json;

namespace WhatsTheTab.Silo.Web.Tests.Api;

/// <summary><c>POST /api/jobs/{id}/retry</c> of a job that failed for good, on a silo whose queue no other test uses.</summary>
[Collection(ApiTestHostDefinition.Name)]
public sealed class DeadLetterRetryTests
{
    private const string Worker = "dead-letter-test-worker";
    private readonly ApiTestHost _host;

    public DeadLetterRetryTests(ApiTestHost host)
    {
        _host = host;
    }

    [Fact]
    public async Task Retry_DeadLetteredJob_Returns202AndQueuesItAgain()
    {
        using var http = _host.Http();
        var id = await ApiJobs.SubmitAsync(http);
        var taskId = id.ToString("D");

        // A worker claims it and fails it for good; the event router carries both into the grain.
        var claimed = await _host.Queue.ClaimAsync(Worker, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30));
        Assert.Equal(taskId, claimed?.Id);
        await _host.Queue.FailAsync(taskId, Worker, "decoder exploded", permanent: true);
        var failed = await Eventually.ReadAsync(
            () => ApiJobs.GetJsonAsync(http, $"/api/jobs/{id:D}"), job => job.GetProperty("status").GetString() == "failed");
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal("failed", (await _host.Queue.GetTaskAsync(taskId))!.Status);

        using var response = await http.PostAsync(new Uri($"/api/jobs/{id:D}/retry", UriKind.Relative), null);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        using var body = JsonDocument.Parse(text);
        Assert.Equal("pending", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(1, body.RootElement.GetProperty("queuePosition").GetInt64());
        Assert.Equal("pending", (await _host.Queue.GetTaskAsync(taskId))!.Status);
        Assert.Equal(0, (await _host.Queue.GetDepthsAsync()).DeadLettered);
    }
}
