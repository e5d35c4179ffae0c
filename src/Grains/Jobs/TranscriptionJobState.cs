using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Grains.Jobs;

/// <summary>What <see cref="TranscriptionGrain"/> persists for one job (storage name "jobs", state name "job").</summary>
/// <remarks>
/// A plain mutable class with public setters so both Orleans' serializer and the JSON grain-storage serializers can
/// round-trip it; the <see cref="AliasAttribute"/> and <see cref="IdAttribute"/> values are the stored contract, so
/// never renumber them.
/// </remarks>
[GenerateSerializer, Alias("whatsthetab.transcription-job-state")]
public sealed class TranscriptionJobState
{
    [Id(0)] public JobStatus Status { get; set; }

    [Id(1)] public string FileName { get; set; } = string.Empty;

    [Id(2)] public long SizeBytes { get; set; }

    [Id(3)] public double DurationSeconds { get; set; }

    [Id(4)] public string AudioKey { get; set; } = string.Empty;

    [Id(5)] public JobOptions Options { get; set; } = new();

    [Id(6)] public string? Owner { get; set; }

    /// <summary>Attempts in the current run (the queue's count; reset by a retry).</summary>
    [Id(7)] public int Attempts { get; set; }

    /// <summary>The worker of the current attempt while processing; the worker that finished or failed it afterwards.</summary>
    [Id(8)] public string? WorkerId { get; set; }

    [Id(9)] public int CurrentChunk { get; set; }

    [Id(10)] public int TotalChunks { get; set; }

    [Id(11)] public DateTimeOffset CreatedAt { get; set; }

    [Id(12)] public DateTimeOffset UpdatedAt { get; set; }

    [Id(13)] public DateTimeOffset? CompletedAt { get; set; }

    [Id(14)] public string? Error { get; set; }

    [Id(15)] public JobResult? Result { get; set; }

    /// <summary>Every attempt, oldest first (kept across retries, capped at <see cref="TranscriptionGrain.MaxAttemptHistory"/>).</summary>
    [Id(16)] public List<JobAttempt> AttemptHistory { get; set; } = [];

    /// <summary>Increases with every change, persisted or not (see <see cref="TranscriptionGrain"/> on the gap after a reactivation).</summary>
    [Id(17)] public long Version { get; set; }
}
