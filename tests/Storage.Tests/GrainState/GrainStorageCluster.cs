using Microsoft.Extensions.Logging.Abstractions;
using Orleans.TestingHost;
using WhatsTheTab.Storage.GrainState;
using WhatsTheTab.Storage.Migrations;
using WhatsTheTab.TestSupport.Services;

namespace WhatsTheTab.Storage.Tests.GrainState;

/// <summary>
/// A migrated database of its own on the shared PostgreSQL server and a one-silo in-process Orleans cluster whose
/// grain storages use it the way the web silo does (<see cref="GrainStorageSiloBuilderExtensions.AddPostgresGrainStorage"/>).
/// </summary>
public sealed class GrainStorageCluster : IAsyncLifetime
{
    /// <summary>Storage that keeps the row (NULL payload) on clear.</summary>
    public const string StorageName = "jobs";

    /// <summary>Storage that deletes the row on clear.</summary>
    public const string DeletingStorageName = "jobs-delete";

    public string ConnectionString { get; private set; } = string.Empty;

    public string ServiceId { get; } = "storage-tests-" + Guid.NewGuid().ToString("N")[..8];

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    /// <summary>Deploys a cluster on <paramref name="connectionString"/>; several deployments with one service id share state.</summary>
    public static async Task<InProcessTestCluster> DeployAsync(string connectionString, string serviceId)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = serviceId;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo
            .AddPostgresGrainStorage(StorageName, connectionString)
            .AddPostgresGrainStorage(DeletingStorageName, connectionString, deleteStateOnClear: true));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public async Task InitializeAsync()
    {
        ConnectionString = SharedPostgresServer.CreateDatabase();
        await DatabaseMigrator.MigrateAsync(ConnectionString, NullLogger.Instance, CancellationToken.None);
        Cluster = await DeployAsync(ConnectionString, ServiceId);
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}
