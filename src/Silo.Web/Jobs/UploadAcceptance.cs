using Microsoft.AspNetCore.Http.HttpResults;
using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Silo.Web.Uploads;

namespace WhatsTheTab.Silo.Web.Jobs;

/// <summary>
/// The first half of every upload route (<c>POST /api/jobs</c>, <c>POST /transcribe/upload/</c>): receive the multipart
/// upload, parse its option fields and probe the audio. Either the accepted upload (the caller disposes it) or the
/// problem to answer with; a rejected upload is already cleaned up.
/// </summary>
internal sealed record UploadAcceptance(ReceivedUpload? Upload, JobOptions? Options, double DurationSeconds, ProblemHttpResult? Problem, ValidationProblem? Invalid)
{
    public static async Task<UploadAcceptance> AcceptAsync(
        UploadReceiver receiver, HttpContext context, string fileField, bool rejectUnknownFields, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ReceivedUpload upload;
        try
        {
            upload = await receiver.ReceiveAsync(context, fileField, cancellationToken);
        }
        catch (UploadRejectedException rejection)
        {
            return Rejected(JobProblems.From(rejection));
        }

        var options = JobOptionsForm.Parse(upload.Fields, rejectUnknownFields, out var errors);
        if (options is null)
        {
            await upload.DisposeAsync();
            return new UploadAcceptance(null, null, 0, null, JobProblems.InvalidOptions(errors));
        }

        try
        {
            var duration = await receiver.ProbeAsync(upload, cancellationToken);
            return new UploadAcceptance(upload, options, duration, null, null);
        }
        catch (UploadRejectedException rejection)
        {
            await upload.DisposeAsync();
            return Rejected(JobProblems.From(rejection));
        }
        catch
        {
            await upload.DisposeAsync();
            throw;
        }
    }

    private static UploadAcceptance Rejected(ProblemHttpResult problem) => new(null, null, 0, problem, null);
}
