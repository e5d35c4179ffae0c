using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Silo.Web.Jobs;

/// <summary>What a finished job produced (the files themselves are at the job's <c>midi</c> and <c>notes</c> links).</summary>
public sealed record JobResultView(
    int NoteCount,
    int? LowestPitch,
    int? HighestPitch,
    double AudioSeconds,
    double ProcessingSeconds,
    string WorkerId,
    DateTimeOffset CompletedAt)
{
    public static JobResultView From(JobResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var summary = result.Summary;
        return new JobResultView(
            summary.NoteCount, summary.LowestPitch, summary.HighestPitch, summary.AudioSeconds, summary.ProcessingSeconds, result.WorkerId, result.CompletedAt);
    }
}
