using Orleans.Dashboard;
using WhatsTheTab.Silo.Web.Embedded;
using WhatsTheTab.Silo.Web.Health;
using WhatsTheTab.Silo.Web.Hosting;
using WhatsTheTab.Silo.Web.Internal;
using WhatsTheTab.Silo.Web.Jobs;
using WhatsTheTab.Silo.Web.Seed;
using WhatsTheTab.Silo.Web.Security;
using WhatsTheTab.Storage.Migrations;

// `WhatsTheTab.Silo.Web migrate`: apply the PostgreSQL migrations and exit.
if (args is [MigrateCommand.Name, ..])
{
    return await MigrateCommand.RunAsync(args[1..]);
}

// Before any thread allocates: at most two glibc malloc arenas (Hosting/MallocArenas.cs says why).
var mallocArenas = MallocArenas.Limit();

// Settings files sit beside the binary, whatever the working directory (relative data paths still follow the latter).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

// 1. Settings, validated before anything is wired: which parts run embedded depends on them.
WebSiloSettings settings;
try
{
    settings = WebSiloSettings.Read(builder.Configuration);
}
catch (Microsoft.Extensions.Options.OptionsValidationException e)
{
    await Console.Error.WriteLineAsync("The web silo's configuration is invalid:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", e.Failures));
    return 2;
}

// API keys, rate limits, back-pressure: the production profile refuses to start without keys.
SecuritySettings security;
try
{
    security = SecuritySettings.Read(builder.Configuration);
}
catch (Microsoft.Extensions.Options.OptionsValidationException e)
{
    await Console.Error.WriteLineAsync("The web silo's security configuration is invalid:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", e.Failures));
    return 2;
}

builder.WebHost.UseUrls([.. settings.Urls]);

// 2. Services; then the Orleans silo; then the hosted services that call grains, so they start after the silo.
builder.Services.AddWhatsTheTabWeb(builder.Configuration, settings);
builder.Services.AddJobsApi();
builder.Services.AddWebSiloSecurity(security);
builder.UseOrleans(silo => silo.ConfigureWebSilo(settings, builder.Configuration));
builder.Services.AddWhatsTheTabBackgroundServices();

var app = builder.Build();

// 3. HTTP: security headers, problem details for every error, API keys, rate limits and back-pressure; health, dashboard, the worker endpoints, the public and the seed's APIs.
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseWebSiloSecurity();
app.MapHealthEndpoints();
app.MapOrleansDashboard(routePrefix: "/dashboard");
app.MapInternalApi();
app.MapJobsApi();
app.MapSeedApi();

// 4. What must be up before the silo joins the cluster: the embedded Garnet when no Redis is configured, and the schema.
StartupLog.Mode(app.Logger, settings);
StartupLog.MallocArenas(app.Logger, mallocArenas);
EmbeddedGarnet? garnet = null;
using var garnetLogs = new LoggerFactory(app.Services.GetServices<ILoggerProvider>(), new LoggerFilterOptions { MinLevel = LogLevel.Warning });
try
{
    if (settings.EmbeddedRedis)
    {
        garnet = EmbeddedGarnet.Start(settings.DataDirectory, settings.Embedded.GarnetPort, settings.Embedded.GarnetMemory, garnetLogs);
    }

    if (settings.UsesPostgres && settings.Postgres.MigrateOnStart)
    {
        var migrated = await DatabaseMigrator.MigrateAsync(settings.Postgres.ConnectionString!, app.Logger, app.Lifetime.ApplicationStopping);
        StartupLog.Migrated(app.Logger, migrated.Applied.Count, migrated.SchemaVersion);
    }

    // 5. Run until SIGTERM/Ctrl+C: the silo leaves the cluster, then Garnet commits its log and stops.
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException or TimeoutException)
{
    StartupLog.CannotStart(app.Logger, e.Message);
    return 1;
}
finally
{
    if (garnet is not null)
    {
        await garnet.DisposeAsync();
    }
}
