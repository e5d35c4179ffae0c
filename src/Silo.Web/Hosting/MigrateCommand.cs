using WhatsTheTab.Storage.Migrations;

namespace WhatsTheTab.Silo.Web.Hosting;

/// <summary>
/// <c>WhatsTheTab.Silo.Web migrate</c>: applies pending PostgreSQL migrations and exits (0 when the database is
/// current, 2 when no PostgreSQL is configured, 1 when migrating failed). For deployments that migrate before rolling out.
/// </summary>
public static partial class MigrateCommand
{
    /// <summary>The command's name, the first argument.</summary>
    public const string Name = "migrate";

    /// <summary>Reads configuration like the web silo (appsettings, environment, the remaining arguments) and migrates.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigrateCommand));
        var connectionString = builder.Configuration.GetConnectionString(PostgresOptions.ConnectionStringName);
        var validation = new PostgresOptionsValidator().Validate(null, new PostgresOptions { ConnectionString = connectionString });
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            LogNotConfigured(logger);
            return 2;
        }

        if (validation.Failed)
        {
            LogInvalid(logger, validation.FailureMessage);
            return 2;
        }

        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        try
        {
            var result = await DatabaseMigrator.MigrateAsync(connectionString, logger, lifetime.ApplicationStopping);
            LogDone(logger, result.Applied.Count, result.SchemaVersion);
            return 0;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or InvalidOperationException or IOException)
        {
            LogFailed(logger, e);
            return 1;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "migrate: no PostgreSQL is configured; set ConnectionStrings__Postgres")]
    private static partial void LogNotConfigured(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "migrate: {Problem}")]
    private static partial void LogInvalid(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "migrate: applied {Applied} migration(s); the schema is at version {SchemaVersion}")]
    private static partial void LogDone(ILogger logger, int applied, int schemaVersion);

    [LoggerMessage(Level = LogLevel.Error, Message = "migrate: failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
