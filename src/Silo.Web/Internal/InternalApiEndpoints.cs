using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using WhatsTheTab.Grains.Abstractions.Internal;
using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Storage.Media;
using WhatsTheTab.TaskQueue;

namespace WhatsTheTab.Silo.Web.Internal;

/// <summary>
/// The worker-token endpoints GPU workers call (<see cref="InternalApi"/>): download a job's audio, deliver its result.
/// Both stream: audio is copied from the media store to the response, result files from the request into the store.
/// </summary>
public static partial class InternalApiEndpoints
{
    private const string MidiPart = "midi";
    private const string NotesPart = "notes";
    private const string SummaryPart = "summary";

    /// <summary>Maps <c>GET /internal/jobs/{id}/audio</c> and <c>PUT /internal/jobs/{id}/result</c>, guarded by <see cref="WorkerTokenFilter"/>.</summary>
    public static RouteGroupBuilder MapInternalApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(string.Empty)
            .AddEndpointFilter<WorkerTokenFilter>()
            .WithTags("Internal")
            .ExcludeFromDescription();
        group.MapGet(InternalApi.AudioRoute, GetAudioAsync);
        group.MapPut(InternalApi.ResultRoute, PutResultAsync).DisableAntiforgery();
        return group;
    }

    internal static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetAudioAsync(
        Guid id, IGrainFactory grains, IMediaStore media, CancellationToken cancellationToken)
    {
        // Not GetAsync: that would queue behind the claim the worker sent just before this download.
        var audioKey = await grains.GetGrain<ITranscriptionGrain>(id).GetAudioKeyAsync();
        if (audioKey is null)
        {
            return NotFound(id);
        }

        var content = await media.OpenReadAsync(audioKey, cancellationToken);
        if (content is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Audio not found", detail: $"Job {id:D} has no stored audio.");
        }

        // The result disposes the stream (and with it the media item's handle) once the response is written.
        return TypedResults.Stream(
            content.Content,
            "application/octet-stream",
            entityTag: new EntityTagHeaderValue($"\"{content.Sha256}\""),
            enableRangeProcessing: true);
    }

    internal static async Task<Results<Ok<ResultDeliveryResponse>, ProblemHttpResult>> PutResultAsync(
        Guid id,
        HttpRequest request,
        IGrainFactory grains,
        IMediaStore media,
        ITaskQueueClient queue,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(InternalApiEndpoints));
        var workerId = request.Headers[InternalApi.WorkerHeader].ToString().Trim();
        if (workerId.Length is 0 or > 200 || workerId.Any(char.IsControl))
        {
            return BadRequest($"The {InternalApi.WorkerHeader} header must name the worker (1-200 printable characters).");
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Length == 0)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Multipart form data expected",
                detail: $"Send multipart/form-data with the files '{MidiPart}' and '{NotesPart}' and the field '{SummaryPart}'.");
        }

        var grain = grains.GetGrain<ITranscriptionGrain>(id);
        var snapshot = await grain.GetAsync();
        if (snapshot is null)
        {
            return NotFound(id);
        }

        if (snapshot.Status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled)
        {
            // Nothing to store: a repeated or late delivery changes nothing (the first result wins).
            var reason = $"result from {workerId} ignored: the job is already {snapshot.Status.ToWire()}";
            LogNotApplied(logger, id, workerId, reason);
            return TypedResults.Ok(new ResultDeliveryResponse(false, snapshot.Status.ToWire(), reason));
        }

        var upload = new ResultUpload();
        try
        {
            var problem = await ReadUploadAsync(request, HeaderUtilities.RemoveQuotes(contentType.Boundary).ToString(), media, upload, cancellationToken);
            if (problem is not null)
            {
                await DeleteStoredAsync(media, upload, logger);
                return BadRequest(problem);
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or BadHttpRequestException or OperationCanceledException)
        {
            await DeleteStoredAsync(media, upload, logger);
            if (e is BadHttpRequestException bad)
            {
                return TypedResults.Problem(statusCode: bad.StatusCode, title: "Result upload refused", detail: bad.Message);
            }

            if (e is OperationCanceledException)
            {
                throw;
            }

            return BadRequest("The multipart body is malformed or was cut off.");
        }

        var now = time.GetUtcNow();
        TransitionResult outcome;
        try
        {
            await AlignClaimAsync(id, grain, queue, workerId, now, logger, cancellationToken);
            outcome = await grain.CompletedAsync(new JobResult(workerId, upload.Midi!.Key, upload.Notes!.Key, upload.Summary!, now));
        }
        catch
        {
            // The grain or the queue failed (a 500 follows and the worker delivers again): keep no orphaned files, unless
            // the grain's write was stored after all (a database connection lost after the commit) and the job now
            // points at them; when that cannot be told, the files stay (an orphan is harmless, a dangling result is not).
            if (!await IsReferencedAsync(grain, upload, logger))
            {
                await DeleteStoredAsync(media, upload, logger);
            }

            throw;
        }

        if (!outcome.Applied)
        {
            await DeleteStoredAsync(media, upload, logger);
            LogNotApplied(logger, id, workerId, outcome.Reason ?? "not applied");
            return TypedResults.Ok(new ResultDeliveryResponse(false, outcome.Status.ToWire(), outcome.Reason));
        }

        LogApplied(logger, id, workerId, upload.Summary!.NoteCount);
        return TypedResults.Ok(new ResultDeliveryResponse(true, outcome.Status.ToWire(), null));
    }

    /// <summary>
    /// A worker that speaks only the seed's Redis contract never tells the grain it claimed the job; the claim reaches
    /// the grain through the event router, which may lag. When the queue says this worker holds the task and the grain
    /// still shows it pending, the claim is applied first, so the result is not refused as coming from a stranger.
    /// </summary>
    private static async Task AlignClaimAsync(
        Guid id, ITranscriptionGrain grain, ITaskQueueClient queue, string workerId, DateTimeOffset now, ILogger logger, CancellationToken cancellationToken)
    {
        var current = await grain.GetAsync();
        if (current is not { Status: JobStatus.Pending })
        {
            return;
        }

        var task = await queue.GetTaskAsync(id.ToString("D"), cancellationToken);
        if (task is null || !string.Equals(task.Worker, workerId, StringComparison.Ordinal))
        {
            return;
        }

        var claimed = await grain.ClaimedAsync(new JobClaim(workerId, Math.Max(1, task.Attempts), task.ClaimedAt ?? now));
        LogClaimAligned(logger, id, workerId, claimed.Applied);
    }

    private static async Task<string?> ReadUploadAsync(
        HttpRequest request, string boundary, IMediaStore media, ResultUpload upload, CancellationToken cancellationToken)
    {
        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
            {
                return "Every part needs a Content-Disposition: form-data header.";
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).ToString();
            switch (name)
            {
                case MidiPart when upload.Midi is null:
                    upload.Midi = await media.SaveAsync("midi", section.Body, "audio/midi", cancellationToken);
                    break;
                case NotesPart when upload.Notes is null:
                    upload.Notes = await media.SaveAsync("notes", section.Body, "application/json", cancellationToken);
                    break;
                case SummaryPart when upload.Summary is null:
                    var text = await ReadTextAsync(section.Body, ResultSummaryReader.MaxLength, cancellationToken);
                    if (text is null)
                    {
                        return $"The '{SummaryPart}' field is longer than {ResultSummaryReader.MaxLength} characters.";
                    }

                    if (!ResultSummaryReader.TryRead(text, out var summary, out var error))
                    {
                        return error;
                    }

                    upload.Summary = summary;
                    break;
                case MidiPart or NotesPart or SummaryPart:
                    return $"The part '{name}' appears twice.";
                default:
                    // Unknown parts are read past, not stored.
                    await section.Body.CopyToAsync(Stream.Null, cancellationToken);
                    break;
            }
        }

        if (upload.Midi is null || upload.Notes is null || upload.Summary is null)
        {
            return $"A result needs the files '{MidiPart}' and '{NotesPart}' and the field '{SummaryPart}'.";
        }

        if (upload.Midi.Size == 0)
        {
            return $"The '{MidiPart}' file is empty.";
        }

        return null;
    }

    private static async Task<string?> ReadTextAsync(Stream body, int maxChars, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
        var buffer = new char[maxChars + 1];
        var total = 0;
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
            if (total > maxChars)
            {
                return null;
            }
        }

        return new string(buffer, 0, total);
    }

    private static async Task<bool> IsReferencedAsync(ITranscriptionGrain grain, ResultUpload upload, ILogger logger)
    {
        try
        {
            return await grain.GetAsync() is { Result: { } result }
                && (result.MidiKey == upload.Midi?.Key || result.NotesKey == upload.Notes?.Key);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogKeptUnchecked(logger, upload.Midi?.Key, upload.Notes?.Key, e);
            return true;
        }
    }

    private static async Task DeleteStoredAsync(IMediaStore media, ResultUpload upload, ILogger logger)
    {
        foreach (var item in new[] { upload.Midi, upload.Notes })
        {
            if (item is null)
            {
                continue;
            }

            try
            {
                await media.DeleteAsync(item.Key, CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or System.Data.Common.DbException)
            {
                LogDeleteFailed(logger, item.Key, e);
            }
        }
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Job not found", detail: $"No job has the id {id:D}.");

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid result upload", detail: detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Result of job {JobId} from worker {WorkerId} applied ({NoteCount} notes)")]
    private static partial void LogApplied(ILogger logger, Guid jobId, string workerId, int noteCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Result of job {JobId} from worker {WorkerId} not applied: {Reason}")]
    private static partial void LogNotApplied(ILogger logger, Guid jobId, string workerId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: claim by worker {WorkerId} taken from the queue before its result (applied: {Applied})")]
    private static partial void LogClaimAligned(ILogger logger, Guid jobId, string workerId, bool applied);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Result files {MidiKey} and {NotesKey} kept: the job could not be read to tell whether it uses them")]
    private static partial void LogKeptUnchecked(ILogger logger, string? midiKey, string? notesKey, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the unused result file {MediaKey}")]
    private static partial void LogDeleteFailed(ILogger logger, string mediaKey, Exception exception);
}
