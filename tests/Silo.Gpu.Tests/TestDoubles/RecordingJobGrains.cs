using System.Collections.Concurrent;
using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Silo.Gpu.Worker;

namespace WhatsTheTab.Silo.Gpu.Tests.TestDoubles;

/// <summary>Test double for the grain factory: hands the worker one <see cref="RecordingTranscriptionGrain"/> per job id.</summary>
internal sealed class RecordingJobGrains : IJobGrainResolver
{
    private readonly ConcurrentDictionary<Guid, RecordingTranscriptionGrain> _grains = new();

    /// <summary>Registers a pending job with default options and returns its grain double.</summary>
    public RecordingTranscriptionGrain AddJob(Guid jobId, JobOptions? options = null) =>
        _grains[jobId] = new RecordingTranscriptionGrain(new JobSnapshot
        {
            Id = jobId,
            Status = JobStatus.Pending,
            FileName = "tone.wav",
            Options = options ?? new JobOptions(),
            CreatedAt = DateTimeOffset.UtcNow,
            AudioKey = $"audio/{jobId:N}",
        });

    public RecordingTranscriptionGrain this[Guid jobId] => _grains[jobId];

    /// <summary>A job the web tier does not know: <c>GetAsync</c> answers null.</summary>
    public ITranscriptionGrain Resolve(Guid jobId) => _grains.GetOrAdd(jobId, _ => new RecordingTranscriptionGrain(null));
}
