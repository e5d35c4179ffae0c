using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Grains.Jobs;
using WhatsTheTab.Storage.GrainState;
using WhatsTheTab.TestSupport;
using WhatsTheTab.TestSupport.Services;

namespace WhatsTheTab.Grains.Tests;

/// <summary>
/// Two in-process silos hosting the job grains on memory storage ("jobs", behind <see cref="RecordingGrainStorage"/>)
/// that serializes state with the project's JSON grain-state serializer, with the grains' clock under the tests' control. Shared by every test class in <see cref="SharedCluster"/>.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private const string InnerStorageName = "jobs-memory";

    /// <summary>The grains' time (timestamps, idempotency-key expiry); Orleans' own timers keep the system clock.</summary>
    public static ManualClock Clock { get; } = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>The Redis key prefix of this fixture's job listing on the shared Garnet.</summary>
    public static string KeyPrefix { get; } = $"grains-tests-{Guid.NewGuid():N}:";

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            // The production grain-state serializer (System.Text.Json), so every reactivation proves the state round-trips.
            silo.UseJsonGrainStateSerializer(InnerStorageName);
            silo.AddMemoryGrainStorage(InnerStorageName);
            silo.Services.AddKeyedSingleton<IGrainStorage>(
                "jobs",
                (services, _) => new RecordingGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(InnerStorageName)));
            silo.Services.AddKeyedSingleton<TimeProvider>(GrainClock.ServiceKey, Clock);

            // The job listing, as in production: Redis (here the shared in-process Garnet), under this fixture's prefix.
            silo.Services.AddSingleton(_ => new RedisJobIndex(
                StackExchange.Redis.ConnectionMultiplexer.Connect(SharedTestServers.Garnet.Endpoint), new WhatsTheTab.Grains.Abstractions.Redis.RedisKeys(KeyPrefix)));

            // The job grains' directory, as in production: Redis (here the shared in-process Garnet).
            silo.AddRedisGrainDirectory(
                JobGrainDirectory.Name,
                o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(SharedTestServers.Garnet.Endpoint));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
