namespace WhatsTheTab.Silo.Web.Tests.Security;

/// <summary>Key settings are checked before anything starts: a production profile or RequireKeys without keys refuses to start.</summary>
public sealed class SecuritySettingsTests
{
    [Fact]
    public async Task ProductionProfile_WithoutKeys_RefusesToStart()
    {
        var (exitCode, output) = await WebSiloProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["Embedded__DataDirectory"] = Path.Combine(Path.GetTempPath(), $"wtt-prod-{Guid.NewGuid():N}"),
            ["Profile"] = "Production",
        });

        Assert.Equal(2, exitCode);
        Assert.Contains("The production profile (Profile=Production) requires API keys", output, StringComparison.Ordinal);
        Assert.Contains("Auth__ApiKeys__0", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidKeys_AreReported_WithoutEchoingSecrets()
    {
        var (exitCode, output) = await WebSiloProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["Embedded__DataDirectory"] = Path.Combine(Path.GetTempPath(), $"wtt-keys-{Guid.NewGuid():N}"),
            ["Profile"] = "Production",
            ["Auth__RequireKeys"] = "false",
            ["Auth__ApiKeys__0"] = "alice:tooshort",
            ["Uploads__MaxQueueDepth"] = "0",
        });

        Assert.Equal(2, exitCode);
        Assert.Contains("Auth:RequireKeys (Auth__RequireKeys) cannot be false in the production profile", output, StringComparison.Ordinal);
        Assert.Contains("the key of 'alice' must be at least 16 characters", output, StringComparison.Ordinal);
        Assert.Contains("Uploads:MaxQueueDepth", output, StringComparison.Ordinal);
        Assert.DoesNotContain("tooshort", output, StringComparison.Ordinal);
    }
}
