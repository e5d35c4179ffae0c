using System.Text.Json.Serialization;

namespace WhatsTheTab.Silo.Web.Seed;

/// <summary><c>POST /transcribe/generate/</c>'s answer: <c>queued</c> (or <c>processing</c> when a worker already has it).</summary>
public sealed record SeedGenerateResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("audio_midi_id")] Guid AudioMidiId);
