using System.Globalization;
using WhatsTheTab.TestSupport.Services;

namespace WhatsTheTab.Silo.Web.Tests;

/// <summary>
/// The glibc arena limit the web silo sets first thing (Hosting/MallocArenas.cs; its effect on RSS is in the soak
/// bench). The embedded-mode test sees the silo set it; here the environment sets it and the silo leaves it to glibc.
/// </summary>
public sealed class MallocArenasTests
{
    [Fact]
    public async Task ArenaLimitFromTheEnvironment_IsLeftToGlibc_AndLogged()
    {
        // PostgreSQL on a closed port: the silo logs its start-up lines, fails its migration and exits.
        var closed = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture);
        var (exitCode, output) = await WebSiloProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["MALLOC_ARENA_MAX"] = "4",
            ["Redis__ConnectionString"] = "127.0.0.1:" + closed,
            ["ConnectionStrings__Postgres"] = $"Host=127.0.0.1;Port={closed};Username=nobody;Password=none;Database=none",
            ["Worker__Token"] = "malloc-arenas-test-token-0123456789abcdef",
        });

        Assert.True(exitCode == 1, output);
        Assert.Contains("malloc arenas: MALLOC_ARENA_MAX=4", output, StringComparison.Ordinal);
    }
}
