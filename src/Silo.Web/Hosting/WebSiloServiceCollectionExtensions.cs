using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;
using WhatsTheTab.Grains.Abstractions.Redis;
using WhatsTheTab.Grains.Jobs;
using WhatsTheTab.Silo.Web.Events;
using WhatsTheTab.Silo.Web.Health;
using WhatsTheTab.Silo.Web.Internal;
using WhatsTheTab.Silo.Web.Supervisor;
using WhatsTheTab.Storage.Media;
using WhatsTheTab.TaskQueue;

namespace WhatsTheTab.Silo.Web.Hosting;

/// <summary>The web silo's cross-cutting wiring in one place: options, Redis, the queue, media, health, problem details.</summary>
public static class WebSiloServiceCollectionExtensions
{
    // Multipart framing and form fields around an upload of Uploads:MaxBytes.
    private const long MultipartOverheadBytes = 1024 * 1024;

    /// <summary>
    /// Registers everything the web silo needs except Orleans itself and the hosted services that call grains (those
    /// are added after <c>UseOrleans</c> so they start once the silo runs): see <see cref="AddWhatsTheTabBackgroundServices"/>.
    /// </summary>
    public static IServiceCollection AddWhatsTheTabWeb(this IServiceCollection services, IConfiguration configuration, WebSiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(settings);

        services.AddSingleton(settings);
        services.AddSingleton(Options.Create(settings.Redis));
        services.AddSingleton(Options.Create(settings.Postgres));
        services.AddSingleton(Options.Create(settings.Worker));
        services.AddSingleton(Options.Create(settings.Uploads));
        services.AddSingleton(Options.Create(settings.Embedded));
        services.AddSingleton(Options.Create(settings.Orleans));
        services.AddSingleton(Options.Create(settings.Events));
        services.AddSingleton(Options.Create(settings.Supervisor));
        services.AddSingleton(TimeProvider.System);

        // Redis: clustering has its own connection; this one serves the queue, pub/sub and health. Not aborting on a
        // failed first connect lets the silo start while Redis restarts (readiness says so meanwhile).
        services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var options = ConfigurationOptions.Parse(settings.RedisConnectionString);
            options.AbortOnConnectFail = false;
            options.ClientName ??= "whatsthetab-web";
            return ConnectionMultiplexer.Connect(options);
        });
        services.AddRedisTaskQueue().BindConfiguration(QueueOptions.SectionName);

        // The job listing and idempotency keys, beside the queue under the same key prefix.
        services.AddSingleton(sp => new RedisJobIndex(
            sp.GetRequiredService<IConnectionMultiplexer>(), new RedisKeys(sp.GetRequiredService<IOptions<QueueOptions>>().Value.KeyPrefix)));

        if (settings.UsesPostgres)
        {
            services.AddSingleton(_ => NpgsqlDataSource.Create(settings.Postgres.ConnectionString!));
            services.AddPostgresMediaStore(settings.Postgres.ConnectionString!);
        }
        else
        {
            services.AddFileSystemMediaStore(Path.Combine(settings.DataDirectory, "media"));
        }

        services.AddSingleton<WorkerTokenFilter>();
        services.AddSingleton<JobEventApplier>();
        services.AddWebSiloHealthChecks(settings.UsesPostgres);

        // Every error is application/problem+json: exceptions (no stack traces or secrets: the body is the generic
        // title and the trace id), bodies that are too large (413), and bare status codes from routing (404, 405).
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();

        var uploadLimit = settings.Uploads.MaxBytes + MultipartOverheadBytes;
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = uploadLimit);
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = uploadLimit);
        return services;
    }

    /// <summary>The hosted services that call grains: add them after <c>UseOrleans</c> so they start after the silo.</summary>
    public static IServiceCollection AddWhatsTheTabBackgroundServices(this IServiceCollection services)
    {
        services.AddHostedService<RedisEventRouter>();
        services.AddHostedService<QueueSupervisor>();
        return services;
    }
}
