using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Silo.Gpu.Worker;

/// <summary>Finds the job grain a claimed task belongs to (an Orleans reference in the silo; a test double in tests).</summary>
public interface IJobGrainResolver
{
    /// <summary>The grain of job <paramref name="jobId"/>; calls on it go to a web silo.</summary>
    ITranscriptionGrain Resolve(Guid jobId);
}
