using Microsoft.AspNetCore.Http.HttpResults;

namespace WhatsTheTab.Silo.Web.Jobs;

/// <summary><c>GET /api/jobs/{id}/events</c>: the job's changes as Server-Sent Events (see <see cref="JobEventsResult"/>).</summary>
public static class JobEventsEndpoint
{
    internal static async Task<Results<JobEventsResult, ProblemHttpResult>> StreamAsync(
        string id, HttpContext context, IGrainFactory grains, ILogger<JobEventsResult> logger)
    {
        if (!JobsApi.TryParseId(id, out var jobId))
        {
            return JobProblems.MalformedId(id);
        }

        if (await JobsApi.FindAsync(grains, jobId, context) is null)
        {
            return JobProblems.NotFound(jobId);
        }

        return new JobEventsResult(jobId, grains, logger);
    }
}
