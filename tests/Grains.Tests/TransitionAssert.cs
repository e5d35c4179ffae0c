using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Grains.Tests;

/// <summary>Assertions on <see cref="TransitionResult"/>s and on a job staying exactly as it was.</summary>
internal static class TransitionAssert
{
    public static void Applied(TransitionResult result, JobStatus status)
    {
        Assert.True(result.Applied, $"expected the change to apply, got: {result.Reason}");
        Assert.Equal(status, result.Status);
        Assert.Null(result.Reason);
    }

    public static void Unchanged(TransitionResult result, JobStatus status, string? reasonContains = null)
    {
        Assert.False(result.Applied, "expected the call to be rejected");
        Assert.Equal(status, result.Status);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
        if (reasonContains is not null)
        {
            Assert.Contains(reasonContains, result.Reason, StringComparison.Ordinal);
        }
    }

    /// <summary>Two snapshots describe the same job (records compare the attempt list by reference, so compare it by items).</summary>
    public static void SameJob(JobSnapshot expected, JobSnapshot? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { AttemptHistory = actual.AttemptHistory }, actual);
        Assert.Equal(expected.AttemptHistory, actual.AttemptHistory);
    }

    /// <summary>The job after a rejected call is the job before it: same version, same everything.</summary>
    public static async Task NothingChangedAsync(ITranscriptionGrain grain, JobSnapshot before)
    {
        var after = await grain.GetAsync();
        Assert.NotNull(after);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(before.WorkerId, after.WorkerId);
        Assert.Equal(before.CurrentChunk, after.CurrentChunk);
        Assert.Equal(before.Attempts, after.Attempts);
        Assert.Equal(before.Error, after.Error);
        Assert.Equal(before.Result, after.Result);
        Assert.Equal(before.AttemptHistory, after.AttemptHistory);
    }
}
