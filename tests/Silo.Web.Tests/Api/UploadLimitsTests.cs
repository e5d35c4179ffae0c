using System.Net;

namespace WhatsTheTab.Silo.Web.Tests.Api;

/// <summary>The upload size and length limits (<c>Uploads:MaxBytes</c>, <c>Uploads:MaxSeconds</c>), on a silo with small ones.</summary>
[Collection(ApiTestHostDefinition.Name)]
public sealed class UploadLimitsTests
{
    private readonly ApiTestHost _host;

    public UploadLimitsTests(ApiTestHost host)
    {
        _host = host;
    }

    [Fact]
    public async Task Post_FileOverMaxBytes_Returns413Problem()
    {
        using var http = _host.Http();
        var wav = TestAudio.Wav(2.9, sampleRate: 48000); // 96 KB a second: over the 256 KiB limit, under 3 s
        Assert.True(wav.Length > ApiTestHost.MaxBytes);

        using var response = await UploadForm.PostAsync(http, "/api/jobs", UploadForm.Create(wav));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains($"larger than the limit of {ApiTestHost.MaxBytes} bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_BodyFarOverMaxBytes_Returns413ProblemBeforeReadingIt()
    {
        using var http = _host.Http();
        var wav = TestAudio.Wav(10.0, sampleRate: 44100); // ~880 KB... plus a declared length over limit + multipart allowance
        var padding = new byte[1_300_000];
        wav.CopyTo(padding, 0);

        using var response = await UploadForm.PostAsync(http, "/api/jobs", UploadForm.Create(padding));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("larger than the limit", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_AudioOverMaxSeconds_Returns413ProblemWithBothLengths()
    {
        using var http = _host.Http();
        var wav = TestAudio.Wav(5.0); // 8 kHz 16-bit: 80 KB, under the byte limit

        using var response = await UploadForm.PostAsync(http, "/api/jobs", UploadForm.Create(wav, "long.wav"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("The audio is 5 s long; the limit is 3 s.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Seed_Upload_AudioOverMaxSeconds_Returns413Problem()
    {
        using var http = _host.Http();

        using var response = await UploadForm.PostAsync(http, "/transcribe/upload/", UploadForm.Create(TestAudio.Wav(4.0), field: "audio"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }
}
