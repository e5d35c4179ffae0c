using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Silo.Gpu.Worker;

/// <summary>Resolves job grains through the silo's grain factory; the grain activates on a web silo (this silo cannot host it).</summary>
public sealed class OrleansJobGrainResolver(IGrainFactory grains) : IJobGrainResolver
{
    /// <inheritdoc />
    public ITranscriptionGrain Resolve(Guid jobId) => grains.GetGrain<ITranscriptionGrain>(jobId);
}
