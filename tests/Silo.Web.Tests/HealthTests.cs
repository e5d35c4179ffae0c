using System.Net;
using System.Text.Json;

namespace WhatsTheTab.Silo.Web.Tests;

[Collection(PostgresWebSiloDefinition.Name)]
public sealed class HealthTests(PostgresWebSilo fixture)
{
    [Fact]
    public async Task Healthz_AnswersHealthy()
    {
        using var http = fixture.Http(token: null);
        using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_ChecksRedisPostgresAndClusterMembership()
    {
        using var http = fixture.Http(token: null);
        using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = body.RootElement.GetProperty("checks");
        foreach (var name in new[] { "redis", "postgres", "cluster" })
        {
            Assert.Equal("Healthy", checks.GetProperty(name).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task UnknownRoute_IsProblemJson404()
    {
        using var http = fixture.Http(token: null);
        using var response = await http.GetAsync(new Uri("/no/such/route", UriKind.Relative));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Dashboard_IsServed()
    {
        using var http = fixture.Http(token: null);
        using var response = await http.GetAsync(new Uri("/dashboard/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
