using WhatsTheTab.TestSupport.Services;

namespace WhatsTheTab.EndToEnd.Tests;

/// <summary>One web silo and two GPU silos, shared by the tests of <see cref="TranscriptionPipelineTests"/>.</summary>
public sealed class TwoGpuSiloCluster : IAsyncLifetime
{
    public LocalCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await LocalCluster.StartAsync(BuiltSilos.WebDll, BuiltSilos.GpuDll, gpuSilos: 2);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
