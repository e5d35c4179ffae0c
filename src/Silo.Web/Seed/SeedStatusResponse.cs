using System.Text.Json.Serialization;
using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Silo.Web.Seed;

/// <summary><c>GET /transcribe/status/{id}/</c>'s answer, the seed's fields (snake_case) plus the id.</summary>
public sealed record SeedStatusResponse(
    [property: JsonPropertyName("audio_midi_id")] Guid AudioMidiId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("current_chunk")] int CurrentChunk,
    [property: JsonPropertyName("total_chunks")] int TotalChunks,
    [property: JsonPropertyName("has_midi")] bool HasMidi,
    [property: JsonPropertyName("error_message")] string? ErrorMessage)
{
    public static SeedStatusResponse From(JobSnapshot job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new SeedStatusResponse(
            job.Id, job.Status.ToWire(), job.CurrentChunk, job.TotalChunks, job.Result is not null, job.Error);
    }
}
