using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using StackExchange.Redis;
using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Silo.Web.Jobs;
using WhatsTheTab.Silo.Web.Uploads;
using WhatsTheTab.Storage.Media;
using WhatsTheTab.TaskQueue;

namespace WhatsTheTab.Silo.Web.Seed;

/// <summary>
/// The seed service's routes, same paths (Django-style trailing slashes) and snake_case shapes, for existing clients:
/// upload creates a pending job without queueing it, generate queues it, status/midi/download_midi read it, metrics
/// reports the queue and Redis. Errors are <c>application/problem+json</c> like the rest of the API.
/// </summary>
public static class SeedApi
{
    /// <summary>The seed's form field for the audio file.</summary>
    public const string FileField = "audio";

    /// <summary>The seed's name for the job id.</summary>
    public const string IdField = "audio_midi_id";

    // The largest generate body (form, JSON or chunked) read: it only carries an id.
    private const int MaxJsonBytes = 16 * 1024;

    /// <summary>Maps <c>/transcribe/…</c>.</summary>
    public static IEndpointRouteBuilder MapSeedApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var seed = app.MapGroup("/transcribe").WithTags("Seed");
        seed.MapPost("/upload/", UploadAsync).WithName("SeedUpload").DisableAntiforgery();
        seed.MapPost("/generate/", GenerateAsync).WithName("SeedGenerate").DisableAntiforgery();
        seed.MapGet("/status/{id}/", StatusAsync).WithName("SeedStatus");
        seed.MapGet("/midi/{id}/", MidiAsync).WithName("SeedMidi");
        seed.MapGet("/download_midi/{id}/", DownloadMidiAsync).WithName("SeedDownloadMidi");
        seed.MapGet("/metrics/", MetricsAsync).WithName("SeedMetrics");
        return app;
    }

    private static async Task<Results<Ok<SeedUploadResponse>, ProblemHttpResult, ValidationProblem>> UploadAsync(
        HttpContext context, UploadReceiver receiver, JobSubmitter submitter, CancellationToken cancellationToken)
    {
        // Seed clients send only the file; option fields are honoured when present, anything else ignored.
        var accepted = await UploadAcceptance.AcceptAsync(receiver, context, FileField, rejectUnknownFields: false, cancellationToken);
        if (accepted.Problem is not null)
        {
            return accepted.Problem;
        }

        if (accepted.Invalid is not null)
        {
            return accepted.Invalid;
        }

        await using (var upload = accepted.Upload!)
        {
            var job = await submitter.CreateAsync(Guid.NewGuid(), upload, accepted.DurationSeconds, accepted.Options!, JobOwner.Of(context), cancellationToken);
            return TypedResults.Ok(new SeedUploadResponse(job.Id));
        }
    }

    private static async Task<Results<Ok<SeedGenerateResponse>, ProblemHttpResult>> GenerateAsync(
        HttpContext context, IGrainFactory grains, JobSubmitter submitter, CancellationToken cancellationToken)
    {
        // The body only carries an id: cap it for every encoding (a chunked body has no Content-Length to check).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = MaxJsonBytes;
        }

        string? raw;
        try
        {
            raw = await ReadIdAsync(context.Request, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.Problem(
                $"The request body is larger than {MaxJsonBytes} bytes; send only the field '{IdField}'.",
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Request body too large");
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or BadHttpRequestException)
        {
            return JobProblems.BadRequest("Malformed request body", $"The request body could not be read: {ex.Message}");
        }

        if (string.IsNullOrWhiteSpace(raw))
        {
            return JobProblems.BadRequest(
                "Missing audio_midi_id", $"Send the job id as the form or JSON field '{IdField}' (the id /transcribe/upload/ returned).");
        }

        if (!JobsApi.TryParseId(raw, out var jobId))
        {
            return JobProblems.MalformedId(raw);
        }

        if (await JobsApi.FindAsync(grains, jobId, context) is not { } job)
        {
            return JobProblems.NotFound(jobId);
        }

        switch (job.Status)
        {
            case JobStatus.Pending:
                try
                {
                    await submitter.EnqueueAsync(job);
                }
                catch (JobQueueUnavailableException ex)
                {
                    return JobProblems.QueueUnavailable($"{ex.Message} Job {jobId:D} was marked failed; retry it with POST {JobsApi.JobPath(jobId)}/retry.");
                }

                return TypedResults.Ok(new SeedGenerateResponse("queued", jobId));
            case JobStatus.Processing:
                return TypedResults.Ok(new SeedGenerateResponse("processing", jobId));
            default:
                return JobProblems.Conflict(
                    "Job already finished", $"Job {jobId:D} is {job.Status.ToWire()}; to run it again use POST {JobsApi.JobPath(jobId)}/retry.");
        }
    }

    private static async Task<Results<Ok<SeedStatusResponse>, ProblemHttpResult>> StatusAsync(string id, HttpContext context, IGrainFactory grains)
    {
        if (!JobsApi.TryParseId(id, out var jobId))
        {
            return JobProblems.MalformedId(id);
        }

        return await JobsApi.FindAsync(grains, jobId, context) is { } job
            ? TypedResults.Ok(SeedStatusResponse.From(job))
            : JobProblems.NotFound(jobId);
    }

    private static Task<Results<FileStreamHttpResult, ProblemHttpResult>> MidiAsync(
        string id, HttpContext context, IGrainFactory grains, IMediaStore media, CancellationToken cancellationToken) =>
        JobsApi.TryParseId(id, out var jobId)
            ? JobFilesEndpoint.MidiFileAsync(jobId, context, grains, media, attachment: false, cancellationToken)
            : Task.FromResult<Results<FileStreamHttpResult, ProblemHttpResult>>(JobProblems.MalformedId(id));

    private static Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadMidiAsync(
        string id, HttpContext context, IGrainFactory grains, IMediaStore media, CancellationToken cancellationToken) =>
        JobsApi.TryParseId(id, out var jobId)
            ? JobFilesEndpoint.MidiFileAsync(jobId, context, grains, media, attachment: true, cancellationToken)
            : Task.FromResult<Results<FileStreamHttpResult, ProblemHttpResult>>(JobProblems.MalformedId(id));

    private static async Task<Results<Ok<SeedMetricsResponse>, ProblemHttpResult>> MetricsAsync(
        ITaskQueueClient queue, QueueInspector inspector, RedisInfoReader info, IGrainFactory grains, CancellationToken cancellationToken)
    {
        QueueDepths depths;
        int workers;
        try
        {
            depths = await queue.GetDepthsAsync(cancellationToken);
            workers = (await queue.ListWorkersAsync(cancellationToken)).Count;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return JobProblems.QueueUnavailable($"The queue could not be read: {ex.Message}");
        }

        var counts = await grains.GetGrain<IJobCatalogGrain>(0).CountsAsync();
        var jobs = Enum.GetValues<JobStatus>().ToDictionary(s => s.ToWire(), s => counts.GetValueOrDefault(s), StringComparer.Ordinal);
        var view = QueueDepthsView.From(depths, inspector.Keys);
        return TypedResults.Ok(new SeedMetricsResponse(
            view.Keys, depths.Queued, depths.Processing, depths.Delayed, depths.DeadLettered, depths.Results, workers, jobs, await info.ReadAsync()));
    }

    // The seed's clients post a form; JSON bodies and the query string are accepted too.
    private static async Task<string?> ReadIdAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return form[IdField].FirstOrDefault();
        }

        if (request.HasJsonContentType())
        {
            if (request.ContentLength > MaxJsonBytes)
            {
                throw new BadHttpRequestException($"The JSON body is larger than {MaxJsonBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
            }

            using var document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(IdField, out var value))
            {
                return value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.Null => null,
                    _ => value.GetRawText(),
                };
            }

            return null;
        }

        return request.Query[IdField].FirstOrDefault();
    }
}
