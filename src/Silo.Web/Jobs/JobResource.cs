using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Silo.Web.Jobs;

/// <summary>A job as <c>GET /api/jobs/{id}</c> returns it (camelCase JSON).</summary>
/// <remarks>
/// <c>progressPercent</c> is currentChunk / totalChunks × 100 (100 when completed, 0 before the first chunk);
/// <c>queuePosition</c>, while pending, is 1 for the next job a worker takes, 2 for the one after… (null otherwise, or
/// when the id is not in the queue); <c>version</c> increases with every change and is the SSE stream's event id.
/// </remarks>
public sealed record JobResource(
    Guid Id,
    string Status,
    string FileName,
    long SizeBytes,
    double DurationSeconds,
    JobOptionsView Options,
    int Attempts,
    string? WorkerId,
    int CurrentChunk,
    int TotalChunks,
    double ProgressPercent,
    long? QueuePosition,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    string? Error,
    JobResultView? Result,
    IReadOnlyList<JobAttemptView> AttemptHistory,
    long Version,
    JobLinks Links)
{
    public static JobResource From(JobSnapshot job, long? queuePosition = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new JobResource(
            job.Id,
            job.Status.ToWire(),
            job.FileName,
            job.SizeBytes,
            job.DurationSeconds,
            JobOptionsView.From(job.Options),
            job.Attempts,
            job.WorkerId,
            job.CurrentChunk,
            job.TotalChunks,
            ProgressPercentOf(job),
            job.Status == JobStatus.Pending ? queuePosition : null,
            job.CreatedAt,
            job.UpdatedAt,
            job.CompletedAt,
            job.Error,
            job.Result is null ? null : JobResultView.From(job.Result),
            [.. job.AttemptHistory.Select(JobAttemptView.From)],
            job.Version,
            JobLinks.For(job.Id));
    }

    private static double ProgressPercentOf(JobSnapshot job)
    {
        if (job.Status == JobStatus.Completed)
        {
            return 100;
        }

        return job.TotalChunks > 0 ? Math.Round(100.0 * Math.Clamp(job.CurrentChunk, 0, job.TotalChunks) / job.TotalChunks, 1) : 0;
    }
}
