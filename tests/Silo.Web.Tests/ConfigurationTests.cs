namespace WhatsTheTab.Silo.Web.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public async Task ConfiguredRedisWithoutWorkerToken_RefusesToStart_NamingTheSetting()
    {
        var (exitCode, output) = await WebSiloProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["Redis__ConnectionString"] = "127.0.0.1:1",
        });

        Assert.Equal(2, exitCode);
        Assert.Contains("Worker__Token", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidSettings_AreAllReported_BeforeAnythingStarts()
    {
        var (exitCode, output) = await WebSiloProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["Redis__ConnectionString"] = "127.0.0.1:1",
            ["Worker__Token"] = "short",
            ["Uploads__MaxBytes"] = "0",
            ["Orleans__AdvertisedIP"] = "not-an-address",
        });

        Assert.Equal(2, exitCode);
        Assert.Contains("Worker:Token (Worker__Token) must be at least", output, StringComparison.Ordinal);
        Assert.Contains("Uploads:MaxBytes", output, StringComparison.Ordinal);
        Assert.Contains("Orleans:AdvertisedIP", output, StringComparison.Ordinal);
    }
}
