using System.Net;
using System.Text.Json;
using WhatsTheTab.Grains.Abstractions.Internal;
using WhatsTheTab.Silo.Web.Tests.Api;

namespace WhatsTheTab.Silo.Web.Tests.Security;

/// <summary>API keys end to end: public endpoints need a valid key, jobs are invisible to other keys, probes and worker endpoints keep their own rules.</summary>
[Collection(SecuredWebSiloDefinition.Name)]
public sealed class ApiKeyTests
{
    private readonly SecuredWebSilo _fixture;

    public ApiKeyTests(SecuredWebSilo fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData("/api/jobs")]
    [InlineData("/api/queue")]
    [InlineData("/api/workers")]
    [InlineData("/transcribe/status/3f2b8c1e-0a4d-4c6b-9e1f-2a7d5c9b8e10/")]
    [InlineData("/transcribe/metrics/")]
    [InlineData("/api/jobs/3f2b8c1e-0a4d-4c6b-9e1f-2a7d5c9b8e10/tab")]
    [InlineData("/dashboard")]
    public async Task Get_WithoutKey_Returns401WithBearerChallenge(string path)
    {
        using var http = _fixture.Http();
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("API key required", problem.GetProperty("title").GetString());
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task Post_WithoutKey_Returns401AndStoresNothing()
    {
        using var anonymous = _fixture.Http();
        using var response = await UploadForm.PostAsync(anonymous, "/api/jobs", UploadForm.Create(TestAudio.Wav(0.5)));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/api/jobs")]
    [InlineData("/dashboard")]
    public async Task Get_WithWrongKey_Returns401(string path)
    {
        using var http = _fixture.Http("not-a-key-of-this-deployment-0123");
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("API key refused", problem.GetProperty("title").GetString());
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("invalid_token", challenge.Parameter, StringComparison.Ordinal);
        var body = problem.GetRawText();
        Assert.DoesNotContain("not-a-key-of-this-deployment", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WithKey_ServesQueueAndDashboard()
    {
        using var http = _fixture.Http(SecuredWebSilo.AliceKey);

        using var queue = await http.GetAsync(new Uri("/api/queue", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        // "/dashboard" redirects to "/dashboard/", and HttpClient drops the Authorization header on redirects.
        using var dashboard = await http.GetAsync(new Uri("/dashboard/", UriKind.Relative));
        Assert.True(dashboard.IsSuccessStatusCode, $"GET /dashboard/ with a key answered {(int)dashboard.StatusCode}");
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task HealthProbes_NeedNoKey(string path)
    {
        using var http = _fixture.Http();
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task InternalEndpoints_KeepTheWorkerToken_NotApiKeys()
    {
        // An API key is no worker token: the worker-token filter still answers, with its own 401.
        using var http = _fixture.Http(SecuredWebSilo.AliceKey);
        using var response = await http.GetAsync(new Uri(InternalApi.AudioPath(Guid.NewGuid()), UriKind.Relative));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Worker token required", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Job_BelongsToTheKeyThatCreatedIt()
    {
        using var alice = _fixture.Http(SecuredWebSilo.AliceKey);
        using var bob = _fixture.Http(SecuredWebSilo.BobKey);
        var id = await ApiJobs.SubmitAsync(alice);

        // Alice sees it, by id and in her list.
        using (var own = await alice.GetAsync(new Uri($"/api/jobs/{id:D}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }

        Assert.Contains(id, await Eventually.ReadAsync(() => ListAsync(alice), ids => ids.Contains(id)));

        // Bob does not: 404 by id (REST and seed routes), absent from his list, and he cannot cancel it.
        using (var other = await bob.GetAsync(new Uri($"/api/jobs/{id:D}", UriKind.Relative)))
        {
            await ProblemAssert.IsProblemAsync(other, HttpStatusCode.NotFound);
        }

        using (var seed = await bob.GetAsync(new Uri($"/transcribe/status/{id:D}/", UriKind.Relative)))
        {
            await ProblemAssert.IsProblemAsync(seed, HttpStatusCode.NotFound);
        }

        using (var cancel = await bob.DeleteAsync(new Uri($"/api/jobs/{id:D}", UriKind.Relative)))
        {
            await ProblemAssert.IsProblemAsync(cancel, HttpStatusCode.NotFound);
        }

        // Nor its tab, read or re-rendered.
        await ProblemAssert.IsAsync(await bob.GetAsync(new Uri($"/api/jobs/{id:D}/musicxml", UriKind.Relative)), 404, "There is no job");
        await ProblemAssert.IsAsync(
            await bob.PostAsync(new Uri($"/api/jobs/{id:D}/tab", UriKind.Relative), new StringContent("{}", System.Text.Encoding.UTF8, "application/json")),
            404,
            "There is no job");

        Assert.DoesNotContain(id, await ListAsync(bob));
        var job = await ApiJobs.GetJsonAsync(alice, $"/api/jobs/{id:D}");
        Assert.Equal("pending", job.GetProperty("status").GetString());
    }

    private static async Task<List<Guid>> ListAsync(HttpClient http)
    {
        var list = await ApiJobs.GetJsonAsync(http, "/api/jobs?limit=200");
        return [.. list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
    }
}
