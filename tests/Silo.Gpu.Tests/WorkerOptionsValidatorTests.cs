using WhatsTheTab.Silo.Gpu.Configuration;
using WhatsTheTab.Silo.Gpu.Worker;

namespace WhatsTheTab.Silo.Gpu.Tests;

public sealed class WorkerOptionsValidatorTests
{
    private static WorkerOptions Valid() => new() { WebBaseAddress = "http://127.0.0.1:8008", Token = new string('t', 16) };

    [Fact]
    public void ValidOptions_Pass() =>
        Assert.True(new WorkerOptionsValidator().Validate(null, Valid()).Succeeded);

    [Fact]
    public void MissingAddressAndToken_AreNamedWithTheirEnvironmentVariables()
    {
        var result = new WorkerOptionsValidator().Validate(null, new WorkerOptions());

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Worker__WebBaseAddress", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Worker__Token", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/relative")]
    [InlineData("ftp://web:21")]
    [InlineData("http://web:8008/?next=http://elsewhere")]
    public void WebBaseAddress_MustBeAnAbsoluteHttpUrl(string address)
    {
        var options = Valid();
        options.WebBaseAddress = address;

        var result = new WorkerOptionsValidator().Validate(null, options);

        Assert.Contains(result.Failures!, f => f.StartsWith("Worker:WebBaseAddress", StringComparison.Ordinal));
    }

    [Fact]
    public void ShortToken_IsRejected_WithoutEchoingIt()
    {
        var options = Valid();
        options.Token = "s3cr3t-but-shor"; // 15 characters

        var result = new WorkerOptionsValidator().Validate(null, options);

        var failure = Assert.Single(result.Failures!);
        Assert.Contains("at least 16 characters", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(options.Token, failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("CUDA")]
    [InlineData("auto")]
    public void KnownDevices_Pass(string device)
    {
        var options = Valid();
        options.Device = device;

        Assert.True(new WorkerOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void UnknownDevice_AndZeroConcurrency_AreRejected()
    {
        var options = Valid();
        options.Device = "tpu";
        options.Concurrency = 0;

        var result = new WorkerOptionsValidator().Validate(null, options);

        Assert.Equal(2, result.Failures!.Count());
    }

    [Fact]
    public void EndpointPaths_StayUnderTheBaseAddress_KeepingItsPathPrefix()
    {
        var options = Valid();
        options.WebBaseAddress = "https://web.example:8443/wtt";
        var id = Guid.NewGuid();

        var uri = InternalEndpoint.For(options, "/internal/jobs/" + id.ToString("D") + "/audio");

        Assert.Equal($"https://web.example:8443/wtt/internal/jobs/{id:D}/audio", uri.ToString());
    }
}
