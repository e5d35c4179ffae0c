using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;
using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Silo.Web.Tabs;
using WhatsTheTab.Silo.Web.Uploads;
using WhatsTheTab.TaskQueue;

namespace WhatsTheTab.Silo.Web.Jobs;

/// <summary>
/// The public REST API under <c>/api</c>: submit, inspect, list, watch (SSE), download, cancel and retry jobs, and the
/// queue's workers and depths. Errors are <c>application/problem+json</c>; JSON bodies are camelCase.
/// </summary>
public static class JobsApi
{
    /// <summary>The request header that makes <c>POST /api/jobs</c> safe to repeat.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Set to <c>true</c> on a response that replays the job an <c>Idempotency-Key</c> already created.</summary>
    public const string IdempotentReplayedHeader = "Idempotent-Replayed";

    /// <summary>The form field that carries the audio file.</summary>
    public const string FileField = "file";

    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary><c>/api/jobs/{id}</c>.</summary>
    public static string JobPath(Guid id) => $"/api/jobs/{id:D}";

    /// <summary>Registers what the REST API and the seed routes need besides the host's Orleans, queue and media store services.</summary>
    public static IServiceCollection AddJobsApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UploadReceiver>();
        services.TryAddSingleton<JobSubmitter>();
        services.TryAddSingleton<QueueInspector>();
        services.TryAddSingleton<Seed.RedisInfoReader>();
        return services;
    }

    /// <summary>Maps <c>/api/jobs…</c>, <c>/api/workers</c> and <c>/api/queue</c>.</summary>
    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var jobs = app.MapGroup("/api/jobs").WithTags("Jobs");
        jobs.MapPost(string.Empty, SubmitAsync).WithName("SubmitJob").DisableAntiforgery();
        jobs.MapGet(string.Empty, ListAsync).WithName("ListJobs");
        jobs.MapGet("/{id}", GetAsync).WithName("GetJob");
        jobs.MapGet("/{id}/events", JobEventsEndpoint.StreamAsync).WithName("JobEvents");
        jobs.MapGet("/{id}/midi", JobFilesEndpoint.MidiAsync).WithName("JobMidi");
        jobs.MapGet("/{id}/notes", JobFilesEndpoint.NotesAsync).WithName("JobNotes");
        jobs.MapDelete("/{id}", CancelAsync).WithName("CancelJob");
        jobs.MapPost("/{id}/retry", RetryAsync).WithName("RetryJob").DisableAntiforgery();
        jobs.MapJobTabs();

        var cluster = app.MapGroup("/api").WithTags("Queue");
        cluster.MapGet("/workers", WorkersAsync).WithName("ListWorkers");
        cluster.MapGet("/queue", QueueAsync).WithName("QueueDepths");
        return app;
    }

    /// <summary>Parses a job id from the route; any GUID format.</summary>
    public static bool TryParseId(string id, out Guid jobId) => Guid.TryParse(id, out jobId);

    /// <summary>The job if it exists and the caller may see it.</summary>
    public static async Task<JobSnapshot?> FindAsync(IGrainFactory grains, Guid id, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var job = await grains.GetGrain<ITranscriptionGrain>(id).GetAsync();
        return job is not null && JobOwner.MaySee(JobOwner.Of(context), job.Owner) ? job : null;
    }

    private static async Task<Results<Accepted<JobAcceptedResponse>, ProblemHttpResult, ValidationProblem>> SubmitAsync(
        HttpContext context,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        UploadReceiver receiver,
        JobSubmitter submitter,
        IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        if (idempotencyKey is not null && !IdempotencyFingerprint.IsValidKey(idempotencyKey))
        {
            return JobProblems.BadRequest(
                "Invalid Idempotency-Key", $"The {IdempotencyKeyHeader} header must be 1-{IdempotencyFingerprint.MaxKeyLength} printable ASCII characters.");
        }

        var accepted = await UploadAcceptance.AcceptAsync(receiver, context, FileField, rejectUnknownFields: true, cancellationToken);
        if (accepted.Problem is not null)
        {
            return accepted.Problem;
        }

        if (accepted.Invalid is not null)
        {
            return accepted.Invalid;
        }

        var upload = accepted.Upload!;
        var options = accepted.Options!;
        var duration = accepted.DurationSeconds;
        await using (upload)
        {
            var owner = JobOwner.Of(context);
            var jobId = Guid.NewGuid();
            if (idempotencyKey is not null)
            {
                var fingerprint = IdempotencyFingerprint.Of(upload.Sha256, options);
                var earlier = await grains.GetGrain<IJobCatalogGrain>(0).ReserveIdempotencyKeyAsync(owner, idempotencyKey, fingerprint, jobId);
                if (earlier is not null)
                {
                    if (!string.Equals(earlier.RequestFingerprint, fingerprint, StringComparison.Ordinal))
                    {
                        return JobProblems.Conflict(
                            "Idempotency-Key reused",
                            $"The {IdempotencyKeyHeader} '{idempotencyKey}' was already used for a different request (another file or other options) that created job {earlier.JobId:D}; use a new key for a new job.");
                    }

                    // The same request again: answer with the job it created. If that request died before creating
                    // the job, create it now under the reserved id (creation and queueing are idempotent).
                    jobId = earlier.JobId;
                    context.Response.Headers[IdempotentReplayedHeader] = "true";
                    if (await grains.GetGrain<ITranscriptionGrain>(jobId).GetAsync() is { } existing)
                    {
                        return await QueueAndAcceptAsync(submitter, existing);
                    }
                }
            }

            var job = await submitter.CreateAsync(jobId, upload, duration, options, owner, cancellationToken);
            return await QueueAndAcceptAsync(submitter, job);
        }
    }

    private static async Task<Results<Accepted<JobAcceptedResponse>, ProblemHttpResult, ValidationProblem>> QueueAndAcceptAsync(JobSubmitter submitter, JobSnapshot job)
    {
        if (job.Status == JobStatus.Pending)
        {
            try
            {
                await submitter.EnqueueAsync(job);
            }
            catch (JobQueueUnavailableException ex)
            {
                return JobProblems.QueueUnavailable($"{ex.Message} Job {job.Id:D} was marked failed; retry it with POST {JobPath(job.Id)}/retry.");
            }
        }

        return TypedResults.Accepted(JobPath(job.Id), new JobAcceptedResponse(job.Id, job.Status.ToWire(), JobLinks.For(job.Id)));
    }

    private static async Task<Results<Ok<JobResource>, ProblemHttpResult>> GetAsync(
        string id, HttpContext context, IGrainFactory grains, QueueInspector queue)
    {
        if (!TryParseId(id, out var jobId))
        {
            return JobProblems.MalformedId(id);
        }

        if (await FindAsync(grains, jobId, context) is not { } job)
        {
            return JobProblems.NotFound(jobId);
        }

        var position = job.Status == JobStatus.Pending ? await queue.PositionAsync(jobId) : null;
        return TypedResults.Ok(JobResource.From(job, position));
    }

    private static async Task<Results<Ok<JobListResponse>, ProblemHttpResult>> ListAsync(
        HttpContext context, IGrainFactory grains, string? status, string? offset, string? limit)
    {
        JobStatus? filter = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!JobStatusTransitions.TryParseWire(status.Trim(), out var parsed))
            {
                var names = string.Join(", ", Enum.GetValues<JobStatus>().Select(s => s.ToWire()));
                return JobProblems.BadRequest("Invalid status filter", $"status must be one of: {names} (got '{Clip(status)}').");
            }

            filter = parsed;
        }

        var skip = 0;
        if (!string.IsNullOrWhiteSpace(offset) && (!int.TryParse(offset, System.Globalization.CultureInfo.InvariantCulture, out skip) || skip < 0))
        {
            return JobProblems.BadRequest("Invalid offset", $"offset must be a whole number of 0 or more (got '{Clip(offset)}').");
        }

        var take = DefaultPageSize;
        if (!string.IsNullOrWhiteSpace(limit) && (!int.TryParse(limit, System.Globalization.CultureInfo.InvariantCulture, out take) || take is < 1 or > MaxPageSize))
        {
            return JobProblems.BadRequest("Invalid limit", $"limit must be a whole number from 1 to {MaxPageSize} (got '{Clip(limit)}').");
        }

        var page = await grains.GetGrain<IJobCatalogGrain>(0).ListAsync(filter, JobOwner.Of(context), skip, take);
        return TypedResults.Ok(new JobListResponse([.. page.Items.Select(JobListItem.From)], page.Total, page.Offset, page.Limit, filter?.ToWire()));
    }

    private static async Task<Results<Ok<JobResource>, ProblemHttpResult>> CancelAsync(string id, HttpContext context, IGrainFactory grains)
    {
        if (!TryParseId(id, out var jobId))
        {
            return JobProblems.MalformedId(id);
        }

        if (await FindAsync(grains, jobId, context) is null)
        {
            return JobProblems.NotFound(jobId);
        }

        var grain = grains.GetGrain<ITranscriptionGrain>(jobId);
        var outcome = await grain.CancelAsync();
        if (!outcome.Applied)
        {
            return JobProblems.Conflict(
                "Job already finished", $"Job {jobId:D} is {outcome.Status.ToWire()} and can no longer be cancelled.");
        }

        var job = await grain.GetAsync();
        return job is null ? JobProblems.NotFound(jobId) : TypedResults.Ok(JobResource.From(job));
    }

    private static async Task<Results<Accepted<JobResource>, ProblemHttpResult>> RetryAsync(
        string id, HttpContext context, IGrainFactory grains, JobSubmitter submitter, QueueInspector queue)
    {
        if (!TryParseId(id, out var jobId))
        {
            return JobProblems.MalformedId(id);
        }

        if (await FindAsync(grains, jobId, context) is null)
        {
            return JobProblems.NotFound(jobId);
        }

        var grain = grains.GetGrain<ITranscriptionGrain>(jobId);
        var outcome = await grain.RetryAsync();
        if (!outcome.Applied)
        {
            return JobProblems.Conflict(
                "Job cannot be retried", $"Only failed or cancelled jobs can be retried; job {jobId:D} is {outcome.Status.ToWire()}.");
        }

        var job = await grain.GetAsync();
        if (job is null)
        {
            return JobProblems.NotFound(jobId);
        }

        try
        {
            await submitter.RequeueAsync(job);
        }
        catch (JobQueueUnavailableException ex)
        {
            return JobProblems.QueueUnavailable($"{ex.Message} Job {jobId:D} is failed again; retry it later.");
        }

        var position = await queue.PositionAsync(jobId);
        return TypedResults.Accepted(JobPath(jobId), JobResource.From(await grain.GetAsync() ?? job, position));
    }

    private static async Task<Results<Ok<IReadOnlyList<WorkerView>>, ProblemHttpResult>> WorkersAsync(ITaskQueueClient queue, CancellationToken cancellationToken)
    {
        try
        {
            var workers = await queue.ListWorkersAsync(cancellationToken);
            return TypedResults.Ok<IReadOnlyList<WorkerView>>([.. workers.OrderBy(w => w.WorkerId, StringComparer.Ordinal).Select(WorkerView.From)]);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return JobProblems.QueueUnavailable($"The worker heartbeats could not be read: {ex.Message}");
        }
    }

    private static async Task<Results<Ok<QueueDepthsView>, ProblemHttpResult>> QueueAsync(
        ITaskQueueClient queue, QueueInspector inspector, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(QueueDepthsView.From(await queue.GetDepthsAsync(cancellationToken), inspector.Keys));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return JobProblems.QueueUnavailable($"The queue depths could not be read: {ex.Message}");
        }
    }

    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
