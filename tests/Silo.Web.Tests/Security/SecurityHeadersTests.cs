using System.Net;

namespace WhatsTheTab.Silo.Web.Tests.Security;

/// <summary>Every response carries the security headers, errors included, and no <c>Server</c> header.</summary>
[Collection(SecuredWebSiloDefinition.Name)]
public sealed class SecurityHeadersTests
{
    private readonly SecuredWebSilo _fixture;

    public SecurityHeadersTests(SecuredWebSilo fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData("/healthz", null, HttpStatusCode.OK)]
    [InlineData("/api/jobs", null, HttpStatusCode.Unauthorized)]
    [InlineData("/api/jobs", SecuredWebSilo.AliceKey, HttpStatusCode.OK)]
    [InlineData("/api/jobs/not-a-guid", SecuredWebSilo.AliceKey, HttpStatusCode.BadRequest)]
    [InlineData("/no/such/route", SecuredWebSilo.AliceKey, HttpStatusCode.NotFound)]
    public async Task Responses_CarrySecurityHeaders(string path, string? key, HttpStatusCode status)
    {
        using var http = _fixture.Http(key);
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Single(response, "Referrer-Policy"));
        var policy = Single(response, "Content-Security-Policy");
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"), "The response names the server.");
    }

    [Fact]
    public async Task Dashboard_GetsAPolicyThatLetsItLoadItsOwnScripts()
    {
        using var http = _fixture.Http(SecuredWebSilo.AliceKey);
        using var response = await http.GetAsync(new Uri("/dashboard/", UriKind.Relative));

        Assert.True(response.IsSuccessStatusCode, $"GET /dashboard/ answered {(int)response.StatusCode}");
        var policy = Single(response, "Content-Security-Policy");
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
    }

    private static string Single(HttpResponseMessage response, string name)
    {
        Assert.True(response.Headers.TryGetValues(name, out var values), $"No {name} header on {(int)response.StatusCode} {response.RequestMessage?.RequestUri}");
        return Assert.Single(values);
    }
}
