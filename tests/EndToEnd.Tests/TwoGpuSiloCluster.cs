namespace WhatsTheTab.EndToEnd.Tests;

/// <summary>One web silo and two GPU silos, shared by the tests of <see cref="TranscriptionPipelineTests"/>.</summary>
public sealed class TwoGpuSiloCluster : IAsyncLifetime
{
    public Cluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await Cluster.StartAsync(gpuSilos: 2);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
