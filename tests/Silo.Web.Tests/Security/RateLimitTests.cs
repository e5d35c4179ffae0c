using System.Globalization;
using System.Net;
using WhatsTheTab.Silo.Web.Tests.Api;

namespace WhatsTheTab.Silo.Web.Tests.Security;

/// <summary>Uploads are limited per API key: past the configured number a key gets 429 with <c>Retry-After</c>; other keys are unaffected.</summary>
[Collection(SecuredWebSiloDefinition.Name)]
public sealed class RateLimitTests
{
    private readonly SecuredWebSilo _fixture;

    public RateLimitTests(SecuredWebSilo fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Uploads_PastTheLimit_Return429WithRetryAfter()
    {
        // Carol's uploads are spent only here. Forms without a file count like any upload (400 each) and store nothing.
        using var carol = _fixture.Http(SecuredWebSilo.CarolKey);
        for (var i = 0; i < SecuredWebSilo.UploadsPerMinute; i++)
        {
            using var allowed = await UploadForm.PostAsync(carol, "/api/jobs", UploadForm.Create(file: null));
            Assert.Equal(HttpStatusCode.BadRequest, allowed.StatusCode);
        }

        // The bucket refills one upload every 60/N s, so on a slow machine one more may slip in before the refusal.
        HttpResponseMessage refused;
        var extra = 0;
        while (true)
        {
            refused = await UploadForm.PostAsync(carol, "/api/jobs", UploadForm.Create(file: null));
            if (refused.StatusCode != HttpStatusCode.BadRequest || ++extra > 5)
            {
                break;
            }

            refused.Dispose();
        }

        using var _ = refused;

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Equal("Too many requests", problem.GetProperty("title").GetString());
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.Contains(((int)retryAfter.Value.TotalSeconds).ToString(CultureInfo.InvariantCulture) + " s", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Reads have their own, larger allowance; and the limit is Carol's alone.
        using var read = await carol.GetAsync(new Uri("/api/jobs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        using var bob = _fixture.Http(SecuredWebSilo.BobKey);
        using var other = await UploadForm.PostAsync(bob, "/api/jobs", UploadForm.Create(file: null));
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
    }
}
