using WhatsTheTab.TestSupport.Services;

namespace WhatsTheTab.EndToEnd.Tests;

/// <summary>A web silo with no GPU silos: jobs stay queued until a test plays the worker.</summary>
public sealed class WebOnlyCluster : IAsyncLifetime
{
    public LocalCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await LocalCluster.StartAsync(BuiltSilos.WebDll, BuiltSilos.GpuDll, gpuSilos: 0);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
