using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Storage.Media;
using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Silo.Web.Jobs;

/// <summary>
/// A finished job's files, streamed from the media store: the MIDI (<c>audio/midi</c>) and the note list (JSON as
/// stored, or converted to CSV). A job without a result answers 404 with the job's state in the message.
/// </summary>
public static class JobFilesEndpoint
{
    public const string MidiContentType = "audio/midi";
    public const string CsvContentType = "text/csv; charset=utf-8";

    internal static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> MidiAsync(
        string id, HttpContext context, IGrainFactory grains, IMediaStore media, CancellationToken cancellationToken)
    {
        if (!JobsApi.TryParseId(id, out var jobId))
        {
            return JobProblems.MalformedId(id);
        }

        return await MidiFileAsync(jobId, context, grains, media, attachment: true, cancellationToken);
    }

    /// <summary>The job's MIDI, as an attachment named after the upload or inline (the seed's <c>/transcribe/midi/</c>).</summary>
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> MidiFileAsync(
        Guid jobId, HttpContext context, IGrainFactory grains, IMediaStore media, bool attachment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(media);
        if (await JobsApi.FindAsync(grains, jobId, context) is not { } job)
        {
            return JobProblems.NotFound(jobId);
        }

        if (job.Result is null)
        {
            return JobProblems.NoResult(job, "MIDI");
        }

        var content = await media.OpenReadAsync(job.Result.MidiKey, cancellationToken);
        if (content is null)
        {
            return JobProblems.MissingFile(jobId, "MIDI file");
        }

        // The result owns the stream and disposes it after writing.
        return TypedResults.File(content.Content, MidiContentType, attachment ? DownloadName(job, ".mid") : null);
    }

    internal static async Task<Results<FileStreamHttpResult, FileContentHttpResult, ProblemHttpResult>> NotesAsync(
        string id, string? format, HttpContext context, IGrainFactory grains, IMediaStore media, CancellationToken cancellationToken)
    {
        if (!JobsApi.TryParseId(id, out var jobId))
        {
            return JobProblems.MalformedId(id);
        }

        var csv = false;
        if (!string.IsNullOrWhiteSpace(format))
        {
            switch (format.Trim().ToUpperInvariant())
            {
                case "JSON":
                    break;
                case "CSV":
                    csv = true;
                    break;
                default:
                    return JobProblems.BadRequest("Invalid format", $"format must be json or csv (got '{(format.Length <= 20 ? format : format[..20] + "…")}').");
            }
        }

        if (await JobsApi.FindAsync(grains, jobId, context) is not { } job)
        {
            return JobProblems.NotFound(jobId);
        }

        if (job.Result is null)
        {
            return JobProblems.NoResult(job, "notes");
        }

        if (!csv)
        {
            var content = await media.OpenReadAsync(job.Result.NotesKey, cancellationToken);
            return content is null ? JobProblems.MissingFile(jobId, "note list") : TypedResults.File(content.Content, "application/json");
        }

        var (notes, problem) = await StoredNotes.ReadAsync(job, media, cancellationToken);
        if (notes is null)
        {
            return problem!;
        }

        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        NoteListWriter.WriteCsv(text, notes);
        return TypedResults.File(Encoding.UTF8.GetBytes(text.ToString()), CsvContentType, DownloadName(job, ".csv"));
    }

    /// <summary>The upload's name with a new extension, reduced to characters safe in a Content-Disposition header.</summary>
    public static string DownloadName(JobSnapshot job, string extension)
    {
        ArgumentNullException.ThrowIfNull(job);
        var stem = Path.GetFileNameWithoutExtension(job.FileName);
        var safe = new string(stem.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or ' ' ? c : '_').ToArray()).Trim();
        return (safe.Length == 0 ? "transcription" : safe) + extension;
    }
}
