namespace WhatsTheTab.Grains.Abstractions.Jobs;

/// <summary>Everything known about a job at one moment; what the REST API, SSE and the UI show.</summary>
[GenerateSerializer, Immutable, Alias("whatsthetab.job-snapshot")]
public sealed record JobSnapshot
{
    [Id(0)] public required Guid Id { get; init; }

    [Id(1)] public required JobStatus Status { get; init; }

    [Id(2)] public required string FileName { get; init; }

    [Id(3)] public long SizeBytes { get; init; }

    [Id(4)] public double DurationSeconds { get; init; }

    [Id(5)] public required JobOptions Options { get; init; }

    [Id(6)] public int Attempts { get; init; }

    [Id(7)] public string? WorkerId { get; init; }

    [Id(8)] public int CurrentChunk { get; init; }

    [Id(9)] public int TotalChunks { get; init; }

    [Id(10)] public DateTimeOffset CreatedAt { get; init; }

    [Id(11)] public DateTimeOffset UpdatedAt { get; init; }

    [Id(12)] public DateTimeOffset? CompletedAt { get; init; }

    [Id(13)] public string? Error { get; init; }

    [Id(14)] public JobResult? Result { get; init; }

    [Id(15)] public IReadOnlyList<JobAttempt> AttemptHistory { get; init; } = [];

    [Id(16)] public string? Owner { get; init; }

    /// <summary>Increases with every change, so watchers can drop stale or repeated notifications.</summary>
    [Id(17)] public long Version { get; init; }

    [Id(18)] public string AudioKey { get; init; } = string.Empty;
}
