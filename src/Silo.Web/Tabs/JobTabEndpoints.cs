using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using WhatsTheTab.Silo.Web.Jobs;
using WhatsTheTab.Storage.Media;
using WhatsTheTab.Tablature;
using WhatsTheTab.Tablature.Export;

namespace WhatsTheTab.Silo.Web.Tabs;

/// <summary>
/// A finished job's tablature, rendered from its stored notes (the model never runs again): <c>GET /api/jobs/{id}/tab</c>
/// (ASCII tab, or <c>?format=musicxml|alphatex|midi|json</c>), <c>GET …/musicxml</c>, <c>GET …/alphatex</c>, each with the
/// job's tab options overridable in the query (<c>?tuning=drop-d&amp;capo=2</c>), and <c>POST …/tab</c> with options as a
/// form or a JSON object, which returns the tab rendered with them.
/// </summary>
public static class JobTabEndpoints
{
    /// <summary>The largest <c>POST …/tab</c> body: a handful of options.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>The parameter that picks the format on <c>…/tab</c>.</summary>
    public const string FormatParameter = "format";

    public const string MusicXmlContentType = "application/vnd.recordare.musicxml+xml";
    public const string TextContentType = "text/plain; charset=utf-8";
    public const string JsonContentType = "application/json; charset=utf-8";

    public static RouteGroupBuilder MapJobTabs(this RouteGroupBuilder jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        jobs.MapGet("/{id}/tab", RenderQueried(fixedFormat: null)).WithName("JobTab");
        jobs.MapGet("/{id}/musicxml", RenderQueried(TabFormat.MusicXml)).WithName("JobMusicXml");
        jobs.MapGet("/{id}/alphatex", RenderQueried(TabFormat.AlphaTex)).WithName("JobAlphaTex");
        jobs.MapPost("/{id}/tab", RenderPostedAsync).WithName("RenderJobTab").DisableAntiforgery();
        return jobs;
    }

    /// <summary>The media type of each format's response.</summary>
    public static string ContentType(TabFormat format) => format switch
    {
        TabFormat.MusicXml => MusicXmlContentType,
        TabFormat.Midi => JobFilesEndpoint.MidiContentType,
        TabFormat.Json => JsonContentType,
        _ => TextContentType,
    };

    /// <summary>A GET handler rendering with the query's options, in <paramref name="fixedFormat"/> or the one <c>?format=</c> names.</summary>
    private static Func<string, HttpContext, IGrainFactory, IMediaStore, CancellationToken, Task<Results<FileContentHttpResult, ProblemHttpResult>>> RenderQueried(
        TabFormat? fixedFormat) =>
        (id, context, grains, media, cancellationToken) => RenderAsync(id, fixedFormat, QueryPairs(context.Request), context, grains, media, cancellationToken);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> RenderPostedAsync(
        string id, HttpContext context, IGrainFactory grains, IMediaStore media, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadBodyAsync(context, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        return await RenderAsync(id, fixedFormat: null, [.. QueryPairs(context.Request), .. body], context, grains, media, cancellationToken);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> RenderAsync(
        string id,
        TabFormat? fixedFormat,
        List<KeyValuePair<string, string?>> pairs,
        HttpContext context,
        IGrainFactory grains,
        IMediaStore media,
        CancellationToken cancellationToken)
    {
        if (!JobsApi.TryParseId(id, out var jobId))
        {
            return JobProblems.MalformedId(id);
        }

        var format = fixedFormat ?? TabFormat.Text;
        if (fixedFormat is null)
        {
            var asked = pairs.LastOrDefault(p => string.Equals(p.Key, FormatParameter, StringComparison.OrdinalIgnoreCase)).Value;
            pairs.RemoveAll(p => string.Equals(p.Key, FormatParameter, StringComparison.OrdinalIgnoreCase));
            if (!string.IsNullOrWhiteSpace(asked) && !TabFormats.TryParse(asked, out format))
            {
                return JobProblems.BadRequest(
                    "Invalid format", $"format must be one of: {string.Join(", ", TabFormats.Names)} (got '{Clip(asked)}').");
            }
        }

        if (await JobsApi.FindAsync(grains, jobId, context) is not { } job)
        {
            return JobProblems.NotFound(jobId);
        }

        if (!JobTabSettings.TryBuild(job.Options, pairs, Path.GetFileNameWithoutExtension(job.FileName), out var options, out var errors))
        {
            return JobProblems.BadRequest("Invalid tab options", string.Join(" ", errors));
        }

        var (notes, problem) = await StoredNotes.ReadAsync(job, media, cancellationToken);
        if (notes is null)
        {
            return problem!;
        }

        var score = TablatureBuilder.Build(notes, options!);
        var bytes = TabFormats.ToBytes(score, format);
        var download = format is TabFormat.MusicXml or TabFormat.Midi ? JobFilesEndpoint.DownloadName(job, format.Extension()) : null;
        return TypedResults.File(bytes, ContentType(format), download);
    }

    private static List<KeyValuePair<string, string?>> QueryPairs(HttpRequest request) =>
        [.. request.Query.Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.LastOrDefault()))];

    /// <summary>Options from a form or a JSON object of names to strings, numbers or booleans; an empty body is no options.</summary>
    private static async Task<(List<KeyValuePair<string, string?>>? Pairs, ProblemHttpResult? Problem)> ReadBodyAsync(
        HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = MaxBodyBytes;
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, TooLarge());
        }

        try
        {
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(cancellationToken);
                if (form.Files.Count > 0)
                {
                    return (null, JobProblems.BadRequest(
                        "Unexpected file", "POST /api/jobs/{id}/tab takes tab options only; the job's notes are already stored."));
                }

                return ([.. form.Select(f => new KeyValuePair<string, string?>(f.Key, f.Value.LastOrDefault()))], null);
            }

            if (request.HasJsonContentType())
            {
                using var document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
                return JsonPairs(document.RootElement);
            }

            if (string.IsNullOrEmpty(request.ContentType) && request.ContentLength is null or 0)
            {
                return ([], null);
            }

            return (null, TypedResults.Problem(
                $"Send the tab options as a form (application/x-www-form-urlencoded or multipart/form-data) or a JSON object, not '{Clip(request.ContentType ?? "a body without a content type")}'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported content type"));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or BadHttpRequestException)
        {
            return (null, JobProblems.BadRequest("Malformed request body", $"The request body could not be read: {ex.Message}"));
        }
    }

    private static (List<KeyValuePair<string, string?>>? Pairs, ProblemHttpResult? Problem) JsonPairs(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, JobProblems.BadRequest("Malformed request body", "The JSON body must be an object of tab options, such as {\"tuning\":\"drop-d\",\"capo\":2}."));
        }

        var pairs = new List<KeyValuePair<string, string?>>();
        foreach (var property in root.EnumerateObject())
        {
            string? value = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Null => null,
                _ => throw new JsonException($"The value of '{Clip(property.Name)}' must be a string, a number, true, false or null."),
            };
            pairs.Add(new(property.Name, value));
        }

        return (pairs, null);
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(
            $"The request body is larger than {MaxBodyBytes} bytes; send only tab options.",
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Request body too large");

    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
