using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Silo.Web.Jobs;

/// <summary>One run of a job on a worker, as the REST API shows it.</summary>
public sealed record JobAttemptView(int Number, string WorkerId, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Outcome)
{
    public static JobAttemptView From(JobAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return new JobAttemptView(attempt.Number, attempt.WorkerId, attempt.StartedAt, attempt.EndedAt, attempt.Outcome);
    }
}
