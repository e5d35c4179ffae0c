using Microsoft.AspNetCore.Http.HttpResults;
using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Storage.Media;
using WhatsTheTab.Transcription.Notes;
using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Silo.Web.Jobs;

/// <summary>Reads a finished job's note list back from the media store, for conversions (CSV, tab).</summary>
public static class StoredNotes
{
    /// <summary>The notes, or the problem to answer with (no result yet, file missing, unreadable).</summary>
    public static async Task<(IReadOnlyList<NoteEvent>? Notes, ProblemHttpResult? Problem)> ReadAsync(
        JobSnapshot job, IMediaStore media, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(media);
        if (job.Result is null)
        {
            return (null, JobProblems.NoResult(job, "notes"));
        }

        var content = await media.OpenReadAsync(job.Result.NotesKey, cancellationToken);
        if (content is null)
        {
            return (null, JobProblems.MissingFile(job.Id, "note list"));
        }

        await using (content)
        {
            // Note lists are small (tens of bytes a note): read them whole, asynchronously, then parse.
            using var json = new MemoryStream();
            await content.Content.CopyToAsync(json, cancellationToken);
            json.Position = 0;
            try
            {
                return (NoteListReader.ReadJson(json), null);
            }
            catch (InvalidDataException ex)
            {
                return (null, TypedResults.Problem(
                    $"The stored note list of job {job.Id:D} cannot be read: {ex.Message}", statusCode: StatusCodes.Status500InternalServerError, title: "Corrupt note list"));
            }
        }
    }
}
