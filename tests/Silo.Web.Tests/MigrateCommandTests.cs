using Npgsql;
using WhatsTheTab.TestSupport.Services;

namespace WhatsTheTab.Silo.Web.Tests;

public sealed class MigrateCommandTests
{
    [Fact]
    public async Task Migrate_AppliesTheSchema_AndRunningItAgainAlsoExitsZero()
    {
        var database = SharedPostgresServer.CreateDatabase();
        var settings = new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = database };

        var first = await WebSiloProcess.RunToExitAsync(settings, "migrate");
        var second = await WebSiloProcess.RunToExitAsync(settings, "migrate");

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM schema_migrations", connection);
        Assert.True((long)(await command.ExecuteScalarAsync())! > 0);
    }

    [Fact]
    public async Task Migrate_WithoutPostgres_ExitsTwoWithAClearMessage()
    {
        var (exitCode, output) = await WebSiloProcess.RunToExitAsync(new Dictionary<string, string>(), "migrate");

        Assert.Equal(2, exitCode);
        Assert.Contains("ConnectionStrings__Postgres", output, StringComparison.Ordinal);
    }
}
