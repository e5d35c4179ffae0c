using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Grains.Tests;

/// <summary>Submissions, claims and results as the web tier and workers would send them.</summary>
internal static class TestJobs
{
    /// <summary>A fixed time well after the grains' manual clock starts, so claim times are easy to order.</summary>
    public static readonly DateTimeOffset T0 = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static JobSubmission Submission(string? owner = null, DateTimeOffset? submittedAt = null, string fileName = "riff.wav") =>
        new(fileName, 123_456, 12.5, $"audio/{Guid.NewGuid():N}", new JobOptions { Instrument = "guitar-steel" }, owner, submittedAt ?? T0);

    public static JobClaim Claim(string workerId, int attempt = 1, int atMinute = 1) =>
        new(workerId, attempt, T0.AddMinutes(atMinute));

    public static JobResult Result(string workerId, int noteCount = 42) =>
        new(workerId, $"midi/{Guid.NewGuid():N}", $"notes/{Guid.NewGuid():N}", new JobResultSummary(noteCount, 40, 76, 12.5, 3.25), T0.AddMinutes(30));

    public static JobFailure Transient(string? workerId, string reason = "CUDA out of memory") => new(workerId, reason, Permanent: false);

    public static JobFailure Permanent(string? workerId, string reason = "not an audio file") => new(workerId, reason, Permanent: true);
}
