using System.Text.Json;
using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Silo.Web.Jobs;

/// <summary>
/// The payload queued with a job's task id, in the seed's shape: <c>{"task_id":…,"audio_midi_id":…,"file_name":…}</c>
/// (both ids are the job id, so a seed-contract worker finds its job).
/// </summary>
public static class JobTaskPayload
{
    public static string For(JobSnapshot job)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("task_id", job.Id.ToString("D"));
            writer.WriteString("audio_midi_id", job.Id.ToString("D"));
            writer.WriteString("file_name", job.FileName);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
