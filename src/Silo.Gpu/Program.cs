using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Clustering.Redis;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime.MembershipService.SiloMetadata;
using StackExchange.Redis;
using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Silo.Gpu.Configuration;
using WhatsTheTab.Silo.Gpu.Worker;
using WhatsTheTab.TaskQueue;
using WhatsTheTab.Transcription;

// The GPU silo: an Orleans silo with role=gpu that runs the transcription worker. Settings come from appsettings.json and
// environment variables (Worker__Token, Worker__WebBaseAddress, Redis__ConnectionString, Queue__…, Orleans__…, Host__…),
// validated when the host starts. It has no database settings: audio and results travel through the web tier.
var builder = Host.CreateApplicationBuilder(args);

// Options, validated at start-up with messages that name the setting.
builder.Services.AddOptions<WorkerOptions>()
    .BindConfiguration(WorkerOptions.SectionName)
    .PostConfigure(o => o.WorkerId = string.IsNullOrWhiteSpace(o.WorkerId) ? WorkerOptions.NewWorkerId() : o.WorkerId.Trim())
    .ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>();
builder.Services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.SectionName).ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<RedisOptions>, RedisOptionsValidator>();
builder.Services.AddOptions<SiloEndpointOptions>().BindConfiguration(SiloEndpointOptions.SectionName).ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<SiloEndpointOptions>, SiloEndpointOptionsValidator>();
builder.Services.AddRedisTaskQueue().BindConfiguration(QueueOptions.SectionName);

// HostOptions.ShutdownTimeout (default 30 s) bounds the graceful stop: Host__ShutdownTimeout=00:00:45.
builder.Services.Configure<HostOptions>(builder.Configuration.GetSection("Host"));

// One Redis connection for the queue, events and heartbeats (Orleans membership opens its own).
builder.Services.AddSingleton<IConnectionMultiplexer>(sp =>
    ConnectionMultiplexer.Connect(RedisConfiguration(sp.GetRequiredService<IOptions<RedisOptions>>().Value)));

// The Orleans silo: Redis membership, role=gpu metadata, the dashboard's collectors. No grain assembly of ours is
// referenced, so job grains can never activate here; calls to them go to web silos.
builder.UseOrleans(silo =>
{
    silo.UseRedisClustering(_ => { });
    silo.Services.AddOptions<RedisClusteringOptions>()
        .Configure<IOptions<RedisOptions>>((o, redis) => o.ConfigurationOptions = RedisConfiguration(redis.Value));

    // Job grains live in the Redis grain directory; this silo looks them up there when it reports progress.
    silo.AddRedisGrainDirectory(JobGrainDirectory.Name, (OptionsBuilder<RedisGrainDirectoryOptions> directory) => directory
        .Configure<IOptions<RedisOptions>>((o, redis) => o.ConfigurationOptions = RedisConfiguration(redis.Value)));
    silo.Services.AddOptions<ClusterOptions>().Configure<IOptions<SiloEndpointOptions>>((o, s) =>
    {
        o.ServiceId = SiloEndpointOptions.ServiceId;
        o.ClusterId = s.Value.ClusterId;
    });
    silo.Services.AddOptions<EndpointOptions>().Configure<IOptions<SiloEndpointOptions>>((o, s) =>
    {
        // Like the web silo: loopback unless an address is given (one machine); a real address also listens on every interface.
        var advertised = string.IsNullOrWhiteSpace(s.Value.AdvertisedIP) ? IPAddress.Loopback : IPAddress.Parse(s.Value.AdvertisedIP);
        o.AdvertisedIPAddress = advertised;
        o.SiloPort = s.Value.SiloPort;
        o.GatewayPort = s.Value.GatewayPort;
        if (!IPAddress.IsLoopback(advertised))
        {
            o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, s.Value.SiloPort);
            o.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, s.Value.GatewayPort);
        }
    });
    silo.UseSiloMetadata(new Dictionary<string, string> { ["role"] = "gpu" });
    silo.AddDashboard();
});

// The engine: one per process, the model loaded once when the host starts; the device it landed on is logged.
builder.Services.AddSingleton(sp => EngineFactory.Create(
    sp.GetRequiredService<IOptions<WorkerOptions>>().Value,
    sp.GetRequiredService<ILoggerFactory>().CreateLogger("WhatsTheTab.Silo.Gpu.Engine")));

// The worker: web-tier clients pinned to Worker:WebBaseAddress (no redirects, so no other host is ever reached),
// the job runner, the heartbeat, and the claim loop. Hosted services stop in reverse order: the worker first (it may
// still hand a job back through the silo and the queue), then the heartbeat, then the silo.
builder.Services.AddSingleton<EngineThreads>();
builder.Services.AddSingleton<WorkerActivity>();
builder.Services.AddSingleton<IJobGrainResolver, OrleansJobGrainResolver>();
builder.Services.AddHttpClient<AudioDownloader>(ConfigureWebTierClient).ConfigurePrimaryHttpMessageHandler(WebTierHandler);
builder.Services.AddHttpClient<ResultUploader>(ConfigureWebTierClient).ConfigurePrimaryHttpMessageHandler(WebTierHandler);
builder.Services.AddSingleton<JobRunner>();
builder.Services.AddHostedService<HeartbeatService>();
builder.Services.AddHostedService<TranscriptionWorker>();

using var host = builder.Build();
if (!StartupCheck.Validate(host.Services, host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("WhatsTheTab.Silo.Gpu")))
{
    return 1;
}

await host.RunAsync();
return 0;

static ConfigurationOptions RedisConfiguration(RedisOptions options)
{
    var configuration = ConfigurationOptions.Parse(options.ConnectionString);
    configuration.AbortOnConnectFail = false;
    return configuration;
}

static void ConfigureWebTierClient(IServiceProvider services, HttpClient client)
{
    client.BaseAddress = services.GetRequiredService<IOptions<WorkerOptions>>().Value.WebBaseUri();
    client.Timeout = Timeout.InfiniteTimeSpan; // the downloader and uploader apply their own timeouts
}

static SocketsHttpHandler WebTierHandler() => new()
{
    AllowAutoRedirect = false,
    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
};
