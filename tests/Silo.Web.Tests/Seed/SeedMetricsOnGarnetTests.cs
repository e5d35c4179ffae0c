using WhatsTheTab.Silo.Web.Tests.Api;

namespace WhatsTheTab.Silo.Web.Tests.Seed;

/// <summary><c>GET /transcribe/metrics/</c> on the embedded Garnet, whose INFO reports fewer fields than Redis.</summary>
[Collection(ApiTestHostDefinition.Name)]
public sealed class SeedMetricsOnGarnetTests
{
    private readonly ApiTestHost _host;

    public SeedMetricsOnGarnetTests(ApiTestHost host)
    {
        _host = host;
    }

    [Fact]
    public async Task Metrics_OnGarnet_ReportQueueDepthsAndWhateverInfoHas()
    {
        using var http = _host.Http();

        var metrics = await ApiJobs.GetJsonAsync(http, "/transcribe/metrics/");

        Assert.True(metrics.GetProperty("queue_depth").GetInt64() >= 0);
        Assert.True(metrics.GetProperty("queue").TryGetProperty("task:queue", out _));
        Assert.Equal(System.Text.Json.JsonValueKind.Object, metrics.GetProperty("redis").ValueKind);
        Assert.True(metrics.GetProperty("redis").TryGetProperty("connected_clients", out _), metrics.GetProperty("redis").ToString());
    }
}
