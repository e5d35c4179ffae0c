using System.Net;
using Orleans.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using Orleans.Persistence;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Storage;
using StackExchange.Redis;
using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Storage.GrainState;

namespace WhatsTheTab.Silo.Web.Hosting;

/// <summary>The web silo's Orleans configuration: identity, Redis clustering and job grain directory, role metadata, endpoints, grain storage, dashboard.</summary>
public static class WebSiloOrleansExtensions
{
    /// <summary>The grain storage the job grains use (<c>[PersistentState(…, "jobs")]</c>).</summary>
    public const string JobStorageName = "jobs";

    /// <summary>The silo metadata key and value that mark a web silo (GPU silos say <c>gpu</c>).</summary>
    public const string RoleKey = "role";

    public const string WebRole = "web";

    /// <summary>Configures <paramref name="silo"/> as a web silo from <paramref name="settings"/>.</summary>
    public static ISiloBuilder ConfigureWebSilo(this ISiloBuilder silo, WebSiloSettings settings, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configuration);

        silo.Configure<ClusterOptions>(o =>
        {
            o.ServiceId = OrleansHostingOptions.ServiceId;
            o.ClusterId = settings.Orleans.ClusterId;
        });
        silo.UseRedisClustering(o => o.ConfigurationOptions = RedisConfiguration(settings));
        silo.AddRedisGrainDirectory(JobGrainDirectory.Name, o => o.ConfigurationOptions = RedisConfiguration(settings));

        // Several silos on one machine: each has its own ports; in a real cluster the advertised address is the pod's.
        var advertised = string.IsNullOrWhiteSpace(settings.Orleans.AdvertisedIP) ? IPAddress.Loopback : IPAddress.Parse(settings.Orleans.AdvertisedIP);
        silo.ConfigureEndpoints(advertised, settings.Orleans.SiloPort, settings.Orleans.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));

        // Extra metadata from Orleans:Metadata is kept; the role is always web.
        var metadata = configuration.GetSection("Orleans:Metadata").GetChildren()
            .Where(c => c.Value is not null)
            .ToDictionary(c => c.Key, c => c.Value!, StringComparer.Ordinal);
        metadata[RoleKey] = WebRole;
        silo.UseSiloMetadata(metadata);

        if (settings.UsesPostgres)
        {
            silo.AddPostgresGrainStorage(JobStorageName, settings.Postgres.ConnectionString!);
        }
        else
        {
            // The embedded default (or Redis without PostgreSQL): state as the same plain JSON, in Redis hashes.
            silo.UseJsonGrainStateSerializer(JobStorageName);
            silo.AddRedisGrainStorage(JobStorageName, (OptionsBuilder<RedisStorageOptions> options) =>
                options.Configure<IServiceProvider>((o, services) =>
                {
                    o.ConfigurationOptions = RedisConfiguration(settings);
                    o.GrainStorageSerializer = services.GetRequiredKeyedService<IGrainStorageSerializer>(JobStorageName);
                }));
        }

        silo.AddDashboard();
        return silo;
    }

    private static ConfigurationOptions RedisConfiguration(WebSiloSettings settings)
    {
        var options = ConfigurationOptions.Parse(settings.RedisConnectionString);
        options.AbortOnConnectFail = false;
        return options;
    }
}
