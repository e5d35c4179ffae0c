using Microsoft.AspNetCore.Http.HttpResults;
using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Silo.Web.Uploads;

namespace WhatsTheTab.Silo.Web.Jobs;

/// <summary>The API's <c>application/problem+json</c> answers, worded once.</summary>
public static class JobProblems
{
    public static ProblemHttpResult MalformedId(string id) =>
        TypedResults.Problem(
            $"'{Clip(id)}' is not a job id: expected a GUID such as 3f2b8c1e-0a4d-4c6b-9e1f-2a7d5c9b8e10.",
            statusCode: StatusCodes.Status400BadRequest,
            title: "Malformed job id");

    public static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem($"There is no job {id:D}.", statusCode: StatusCodes.Status404NotFound, title: "Job not found");

    public static ProblemHttpResult NoResult(JobSnapshot job, string what)
    {
        ArgumentNullException.ThrowIfNull(job);
        var state = job.Status switch
        {
            JobStatus.Failed => $"it failed: {job.Error}",
            JobStatus.Cancelled => "it was cancelled",
            _ => $"it is {job.Status.ToWire()}",
        };
        return TypedResults.Problem(
            $"Job {job.Id:D} has no {what} yet: {state}.", statusCode: StatusCodes.Status404NotFound, title: "No result yet");
    }

    public static ProblemHttpResult MissingFile(Guid id, string what) =>
        TypedResults.Problem(
            $"The {what} of job {id:D} is no longer in the media store.", statusCode: StatusCodes.Status404NotFound, title: "Result file missing");

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: title);

    public static ProblemHttpResult BadRequest(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: title);

    public static ProblemHttpResult QueueUnavailable(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Task queue unavailable");

    public static ProblemHttpResult From(UploadRejectedException rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        return TypedResults.Problem(rejection.Message, statusCode: rejection.StatusCode, title: rejection.Title);
    }

    /// <summary>Invalid options as a validation problem: errors by field, and every message in <c>detail</c> too.</summary>
    public static ValidationProblem InvalidOptions(IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var messages = errors.Values.SelectMany(m => m);
        return TypedResults.ValidationProblem(errors, detail: "Invalid options: " + string.Join(" ", messages), title: "Invalid options");
    }

    private static string Clip(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
