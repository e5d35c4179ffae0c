using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Silo.Web.Jobs;

/// <summary>
/// Streams one job as Server-Sent Events: first a <c>snapshot</c> (the job as <c>GET /api/jobs/{id}</c> shows it),
/// then each change under the grain's event name (<c>claimed</c>, <c>progress</c> with <c>{chunk,total,percent}</c>,
/// <c>requeued</c>, <c>completed</c>, <c>failed</c>, <c>cancelled</c>, …) with the snapshot version as the event id,
/// until the job reaches a final state or the client leaves. A <c>: ping</c> comment every 15 s keeps proxies from
/// closing an idle stream. The grain's observer list is not durable, so the stream subscribes again every minute and
/// re-reads the job then: changes missed in between arrive as one <c>snapshot</c> (or the final event).
/// </summary>
public sealed partial class JobEventsResult : IResult, IEndpointMetadataProvider
{
    public const string ContentType = "text/event-stream";

    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ResubscribeInterval = TimeSpan.FromSeconds(60);

    private readonly Guid _jobId;
    private readonly IGrainFactory _grains;
    private readonly ILogger _logger;

    public JobEventsResult(Guid jobId, IGrainFactory grains, ILogger<JobEventsResult> logger)
    {
        _jobId = jobId;
        _grains = grains;
        _logger = logger;
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), [ContentType]));
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var aborted = httpContext.RequestAborted;
        var json = httpContext.RequestServices.GetService<IOptions<JsonOptions>>()?.Value.SerializerOptions ?? JsonSerializerOptions.Web;
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var grain = _grains.GetGrain<ITranscriptionGrain>(_jobId);
        var observer = new JobEventObserver();
        var reference = _grains.CreateObjectReference<IJobObserver>(observer);
        LogOpened(_logger, _jobId);
        try
        {
            // Subscribe before reading the snapshot, so no change falls between the two; older ones are dropped by version.
            await grain.SubscribeAsync(reference);
            var job = await grain.GetAsync();
            if (job is null)
            {
                return;
            }

            var version = job.Version;
            await WriteAsync(response, "snapshot", version, JobResource.From(job), json, aborted);
            if (JobStatusTransitions.IsTerminal(job.Status))
            {
                return;
            }

            var nextPing = DateTimeOffset.UtcNow + HeartbeatInterval;
            var nextSubscribe = DateTimeOffset.UtcNow + ResubscribeInterval;
            while (true)
            {
                var now = DateTimeOffset.UtcNow;
                if (now >= nextSubscribe)
                {
                    nextSubscribe = now + ResubscribeInterval;
                    await grain.SubscribeAsync(reference);
                    if (await grain.GetAsync() is { } current && current.Version > version)
                    {
                        version = current.Version;
                        var terminal = JobStatusTransitions.IsTerminal(current.Status);
                        await WriteAsync(response, terminal ? current.Status.ToWire() : "snapshot", version, JobResource.From(current), json, aborted);
                        if (terminal)
                        {
                            return;
                        }
                    }

                    continue;
                }

                if (now >= nextPing)
                {
                    nextPing = now + HeartbeatInterval;
                    await response.WriteAsync(": ping\n\n", aborted);
                    await response.Body.FlushAsync(aborted);
                    continue;
                }

                var wait = (nextPing < nextSubscribe ? nextPing : nextSubscribe) - now;
                if (await NextChangeAsync(observer, wait, aborted) is not { } change || change.Job.Version <= version)
                {
                    continue;
                }

                version = change.Job.Version;
                object data = change.Event == "progress"
                    ? new ProgressData(change.Job.CurrentChunk, change.Job.TotalChunks, JobResource.From(change.Job).ProgressPercent)
                    : JobResource.From(change.Job);
                await WriteAsync(response, change.Event, version, data, json, aborted);
                if (JobStatusTransitions.IsTerminal(change.Job.Status))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (IOException) when (aborted.IsCancellationRequested)
        {
        }
        finally
        {
            try
            {
                await grain.UnsubscribeAsync(reference);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogUnsubscribeFailed(_logger, _jobId, ex);
            }

            _grains.DeleteObjectReference<IJobObserver>(reference);
            GC.KeepAlive(observer);
            LogClosed(_logger, _jobId);
        }
    }

    private static async Task<JobChange?> NextChangeAsync(JobEventObserver observer, TimeSpan wait, CancellationToken aborted)
    {
        if (observer.Changes.TryRead(out var ready))
        {
            return ready;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        timeout.CancelAfter(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1));
        try
        {
            return await observer.Changes.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            return null;
        }
    }

    private static async Task WriteAsync(HttpResponse response, string eventName, long version, object data, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        text.Append("event: ").Append(eventName).Append('\n');
        text.Append("id: ").Append(version.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var line in JsonSerializer.Serialize(data, data.GetType(), json).Split('\n'))
        {
            text.Append("data: ").Append(line.TrimEnd('\r')).Append('\n');
        }

        text.Append('\n');
        await response.WriteAsync(text.ToString(), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>The data of a <c>progress</c> event.</summary>
    private sealed record ProgressData(int Chunk, int Total, double Percent);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Event stream of job {JobId} opened")]
    private static partial void LogOpened(ILogger logger, Guid jobId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Event stream of job {JobId} closed")]
    private static partial void LogClosed(ILogger logger, Guid jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event stream of job {JobId} could not unsubscribe its observer")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Guid jobId, Exception exception);
}
